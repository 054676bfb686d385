// Skills and servicing pools for the indicator vocabulary's policy (load small_bank.cypher and
// routing_profiles.cypher first): IN_ARREARS gets a full policy to change piece by piece.
MATCH (arrears:IndicatorType {code: 'IN_ARREARS'}), (fraud:IndicatorType {code: 'POSSIBLE_FRAUD'})
CREATE (collections:Skill {code: 'COLLECTIONS', name: 'Collections and recoveries'})
CREATE (restructuring:Skill {code: 'DEBT_RESTRUCTURING', name: 'Debt restructuring'})
CREATE (investigation:Skill {code: 'FRAUD_INVESTIGATION', name: 'Fraud investigation'})
CREATE (:Skill {code: 'VULNERABLE_CUSTOMER_CARE', name: 'Vulnerable customer care'})
CREATE (:Skill {code: 'COMPLAINTS_HANDLING', name: 'Complaints handling'})
CREATE (collectionsPool:ServicingPool {poolId: 'POOL-COLLECTIONS', name: 'Collections and recoveries'})
CREATE (fraudPool:ServicingPool {poolId: 'POOL-FRAUD', name: 'Fraud investigation'})
CREATE (:ServicingPool {poolId: 'POOL-VULNERABLE-CARE', name: 'Vulnerable customer care'})
SET arrears.name = 'In arrears', arrears.description = 'A repayment is overdue; value is the days-past-due band.',
    arrears.severity = 'HIGH', arrears.allowedValues = ['30_DPD', '60_DPD', '90_DPD']
CREATE (arrears)-[:REQUIRES_SKILL {minProficiency: 2}]->(collections)
CREATE (arrears)-[:REQUIRES_SKILL {minProficiency: 1}]->(restructuring)
CREATE (arrears)-[:ROUTES_TO]->(collectionsPool)
CREATE (fraud)-[:REQUIRES_SKILL {minProficiency: 3}]->(investigation)
CREATE (fraud)-[:ROUTES_TO]->(fraudPool)
