// Starts an embedded Neo4j Community DBMS with Bolt and HTTP (Neo4j Browser) on loopback.
// Bolt takes both plain and TLS connections (bolt+s://, neo4j+s://) with the certificate
// graph/certificates.py made under <boltCertificates> (private.key, public.crt, trusted/).
//
// Launched by graph/local_neo4j.py, compiled once into a jar under .cache/neo4j/launcher (or, without
// javac, as a single-file source program):
//   java -cp '.cache/neo4j/lib/*' graph/neo4j/LocalNeo4j.java <home> <boltPort> <httpPort> <pagecache> <boltCertificates> [<browserCommands> [<settingsFile>]] [--and <the same for another DBMS>]...
// Neo4j Browser comes ready for relationship managers: http://127.0.0.1:<httpPort>/ redirects to
// Browser with the connect URL and "No authentication" preselected, so it connects by itself
// (Browser reads `dbms` and `preselectAuthMethod` from its URL); once connected it runs
// <browserCommands> (e.g. `style <url>; guide <url>`, the gateway's style sheet and guide).
// <settingsFile>: more Neo4j settings (name=value lines), e.g. the test suite's planner choices;
// an unknown name stops the start (Neo4j's strict validation).
// Each `--and` adds a DBMS of its own (store, ports, Browser) to the same JVM: the test suite's
// workers each get one and share one JVM's start, loaded classes and compiled code.
// It prints "READY" once every DBMS is up and shuts them down cleanly when its standard input
// closes: the Python parent holds that pipe, so the JVM never outlives it, even when the
// parent is killed outright.

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnector.EncryptionLevel;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

public class LocalNeo4j {
    private static final String HOST = "127.0.0.1";

    private static final String USAGE = "usage: LocalNeo4j <home> <boltPort> <httpPort> <pagecache e.g. 512m> "
            + "<boltCertificates> [<browserCommands> [<settingsFile>]] [--and <the same for another DBMS>]...";

    public static void main(String[] args) throws Exception {
        List<DatabaseManagementService> started = new CopyOnWriteArrayList<>();
        // Registered first: a DBMS that fails to start still shuts down the ones before it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(DatabaseManagementService::shutdown),
                "neo4j-shutdown"));
        StringBuilder ready = new StringBuilder("READY");
        int from = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals("--and")) {
                String[] spec = Arrays.copyOfRange(args, from, i);
                started.add(start(spec));
                ready.append(" bolt://" + HOST + ":" + spec[1] + " http://" + HOST + ":" + spec[2] + "/browser/");
                from = i + 1;
            }
        }

        System.out.println(ready);
        System.out.flush();

        // Block until the parent closes our stdin (normal stop, crash or kill).
        InputStream in = System.in;
        while (in.read() != -1) {
            // Input is ignored; only its end matters.
        }
        System.out.println("STOPPING: standard input closed");
        System.out.flush();
        System.exit(0);
    }

    private static DatabaseManagementService start(String[] args) throws Exception {
        if (args.length < 5 || args.length > 7) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        long pagecache = ByteUnit.parse(args[3]);
        Path boltCertificates = Path.of(args[4]).toAbsolutePath();
        String browserCommands = args.length >= 6 ? args[5] : "";
        SslPolicyConfig boltTls = SslPolicyConfig.forScope(SslPolicyScope.BOLT);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (args.length == 7) {
            builder.loadPropertiesFromFile(Path.of(args[6]));
        }
        return builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                // OPTIONAL: the client's URI scheme chooses; tests and `make run` keep plain bolt://.
                .setConfig(BoltConnector.encryption_level, EncryptionLevel.OPTIONAL)
                .setConfig(boltTls.enabled, true)
                .setConfig(boltTls.base_directory, boltCertificates)
                .setConfig(boltTls.client_auth, ClientAuth.NONE)
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // Loopback only: Browser and the gateway connect without credentials.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // The root page's redirect (the only use of this setting): Browser at /browser/ with
                // our Bolt URL and no authentication, which its connect form then uses by itself.
                .setConfig(ServerSettings.browser_path, URI.create(
                        "/browser/?dbms=bolt://" + HOST + ":" + boltPort + "&preselectAuthMethod=NO_AUTH"))
                .setConfig(ServerSettings.browser_post_connect_cmd, browserCommands)
                // :style and :guide fetch only from these hosts; the gateway serves them on loopback.
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist, HOST + ",localhost")
                // No consent banner, no calls to an analytics service: the page is used offline.
                .setConfig(ServerSettings.allow_telemetry, false)
                // A single-user local server has nothing to drain: stop in about a second, not ten.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
    }
}
