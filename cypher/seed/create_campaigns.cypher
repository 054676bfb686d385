// Creates the demo bank's customer campaigns (Lead and Opportunity Management's
// CustomerCampaignReference); leads captured for one come FROM_CAMPAIGN it.
// :param rows => [{campaignId: 'CMP-2026-SAVE-MORE', name: 'Save more in 2026', type: 'CROSS_SELL', version: 2, startsOn: '2026-01-01', endsOn: '2026-12-31'}];
UNWIND $rows AS row
MERGE (m:Campaign {campaignId: row.campaignId})
SET m.name = row.name, m.type = row.type, m.version = row.version,
    m.startsOn = date(row.startsOn), m.endsOn = date(row.endsOn)
