// Names of the indexes that are ready to serve queries; constraints share their index's name.
SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name
