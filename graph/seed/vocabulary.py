"""The demo bank's fixed reference data: skills, products, pools, indicator types, code lists.

Everything here is the same for every seed and scale; docs/graph-model.md documents it.
Customer-level code lists carry weights because the demo should look like a real book
(mostly mass-market persons speaking English), not a uniform spread.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_SEGMENTS = {"MASS": 70, "AFFLUENT": 20, "PREMIER": 8, "PRIVATE": 2}
ORGANIZATION_SEGMENTS = {"SMALL_BUSINESS": 85, "CORPORATE": 15}
SEGMENTS = tuple(PERSON_SEGMENTS) + tuple(ORGANIZATION_SEGMENTS)
# Segments a relationship manager looks after; most, not all, small businesses are managed.
MANAGED_SEGMENTS = ("PREMIER", "PRIVATE", "SMALL_BUSINESS", "CORPORATE")
ALWAYS_MANAGED_SEGMENTS = ("PREMIER", "PRIVATE", "CORPORATE")
SMALL_BUSINESS_MANAGED_SHARE = 0.8

CUSTOMER_KINDS = ("PERSON", "ORGANIZATION")
PERSON_SHARE = 0.85
CUSTOMER_STATUSES = {"ACTIVE": 88, "DORMANT": 6, "PROSPECT": 3, "CLOSED": 3}
LANGUAGES = {"en": 55, "fr": 12, "de": 12, "nl": 8, "es": 8, "it": 5}

HOUSEHOLD_ROLES = ("HEAD", "PARTNER", "DEPENDANT")
HOUSEHOLD_SIZES = {1: 20, 2: 45, 3: 20, 4: 15}
RELATION_KINDS = ("SPOUSE", "PARENT", "EMPLOYER", "DIRECTOR", "OWNER", "GUARANTOR", "SUBSIDIARY")

PRODUCT_FAMILIES = ("DEPOSITS", "LENDING", "CARDS", "INVESTMENTS", "INSURANCE", "PAYMENTS", "BUSINESS_BANKING")
HOLDING_STATUSES = ("ACTIVE", "CLOSED")

POOL_PURPOSES = ("SERVICING", "SALES", "PREMIER", "FRAUD", "COLLECTIONS", "VULNERABLE_CARE", "CORPORATE", "KYC")
POOL_STRATEGIES = ("LONGEST_IDLE", "LEAST_LOAD", "ROUND_ROBIN")
RESOURCE_KINDS = ("AGENT", "RELATIONSHIP_MANAGER", "SPECIALIST")
RESOURCE_STATUSES = {"AVAILABLE": 45, "BUSY": 25, "WRAP_UP": 8, "AWAY": 10, "OFFLINE": 12}
CHANNELS = ("PHONE", "CHAT", "VIDEO", "BRANCH", "EMAIL")  # what a resource has capacity for
EVENT_CHANNELS = CHANNELS + ("WEB", "MOBILE")

INDICATOR_KINDS = ("STATUS", "RATING", "ALERT")
SEVERITIES = ("LOW", "MEDIUM", "HIGH")
VALUE_TIERS = ("BRONZE", "SILVER", "GOLD", "PLATINUM")
PROFITABILITY_BANDS = ("LOW", "MEDIUM", "HIGH")
CREDIT_RATING_VALUES = tuple(str(rating) for rating in range(1, 11))  # 1 (weakest) .. 10 (strongest)
ARREARS_BANDS = ("30_DPD", "60_DPD", "90_DPD")
DISTRESS_STAGES = ("FORBEARANCE", "RESTRUCTURING", "RECOVERY")
INDICATOR_SOURCES = ("SEED", "CORE_BANKING", "RISK_ENGINE", "CONTACT_CENTRE", "CRM")

LEAD_STATUSES = {
    "CAPTURED": 20, "QUALIFYING": 15, "CONFIRMED": 10, "OFFER_INITIATED": 8,
    "WON": 20, "LOST": 12, "REJECTED": 8, "EXPIRED": 7,
}
OPEN_LEAD_STATUSES = ("CAPTURED", "QUALIFYING", "CONFIRMED", "OFFER_INITIATED")
CAMPAIGN_TYPES = ("CROSS_SELL", "UP_SELL", "RETENTION")


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str
    type: str  # one of CAMPAIGN_TYPES
    version: int
    starts_on: str  # ISO dates
    ends_on: str


# The demo bank's customer campaigns; seeded leads with source CAMPAIGN come FROM_CAMPAIGN one of their type.
CAMPAIGNS: tuple[Campaign, ...] = (
    Campaign("CMP-2026-SAVE-MORE", "Save more in 2026", "CROSS_SELL", 2, "2026-01-01", "2026-12-31"),
    Campaign("CMP-2026-PROTECT", "Protect what matters", "CROSS_SELL", 1, "2025-09-01", "2026-08-31"),
    Campaign("CMP-2026-UPGRADE", "Upgrade your account", "UP_SELL", 1, "2025-06-01", "2026-12-31"),
    Campaign("CMP-2026-STAY", "Stay with us", "RETENTION", 3, "2025-01-01", "2026-12-31"),
)
LEAD_SOURCES = {"SERVICING_INTERACTION": 40, "EVENT": 20, "CAMPAIGN": 30, "MANUAL": 10}

PLAN_TYPES = {"MANAGEMENT": 40, "STRATEGY": 25, "FINANCIAL": 20, "ADMINISTRATIVE": 15}
PLAN_STATUSES = {"ACTIVE": 80, "SUSPENDED": 8, "CLOSED": 12}
GOAL_TYPES = ("GROW_WALLET_SHARE", "RETAIN", "CROSS_SELL", "DIGITAL_ADOPTION", "RISK_REDUCTION", "SERVICE_QUALITY")
GOAL_RESULTS = ("NOT_STARTED", "ON_TRACK", "AT_RISK", "ACHIEVED", "MISSED")
# A plan's work (resolvers/customer_relationship_management/vocabulary.py has the same codes as enums):
# development tasks, incidents and contacts, weighted as an open plan sees them.
DEVELOPMENT_TASK_TYPES = ("ACCOUNT_REVIEW", "NEEDS_ANALYSIS", "PROPOSAL", "MARKET_RESEARCH", "DOCUMENTATION", "FOLLOW_UP")
DEVELOPMENT_TASK_STATUSES = {"OPEN": 30, "REQUESTED": 25, "SUBMITTED": 10, "ACCEPTED": 30, "CANCELLED": 5}
INCIDENT_TYPES = {"COMPLAINT": 25, "SERVICE_FAILURE": 20, "PRODUCT_FAILURE": 15, "PAYMENT_ISSUE": 25,
                  "ACCESS_ISSUE": 10, "OTHER": 5}
INCIDENT_SOURCES = ("CUSTOMER", "RELATIONSHIP_MANAGER", "SERVICING", "PRODUCT_FULFILMENT", "MONITORING")
INCIDENT_STATUSES = {"OPEN": 20, "IN_PROGRESS": 20, "ON_HOLD": 5, "RESOLVED": 15, "CLOSED": 40}
CONTACT_TYPES = {"MEETING": 35, "CALL": 35, "VIDEO_CALL": 20, "VISIT": 10}
CONTACT_STATUSES = {"HELD": 80, "NO_SHOW": 8, "CANCELLED": 12}  # of past contacts; upcoming ones are SCHEDULED


@dataclass(frozen=True)
class Skill:
    code: str
    name: str
    broader: str | None = None


SKILLS: tuple[Skill, ...] = (
    Skill("SALES", "Sales"),
    Skill("LENDING_SALES", "Lending sales", "SALES"),
    Skill("MORTGAGE_SALES", "Mortgage sales", "LENDING_SALES"),
    Skill("CONSUMER_LENDING_SALES", "Consumer lending sales", "LENDING_SALES"),
    Skill("CARD_SALES", "Card sales", "SALES"),
    Skill("DEPOSIT_SALES", "Savings and deposit sales", "SALES"),
    Skill("INSURANCE_SALES", "Insurance sales", "SALES"),
    Skill("INVESTMENT_SALES", "Investment product sales", "SALES"),
    Skill("ADVICE", "Financial advice"),
    Skill("INVESTMENT_ADVICE", "Investment advice", "ADVICE"),
    Skill("WEALTH_PLANNING", "Wealth planning", "ADVICE"),
    Skill("PENSION_ADVICE", "Pension advice", "ADVICE"),
    Skill("SERVICING", "Customer servicing"),
    Skill("ACCOUNT_SERVICING", "Account servicing", "SERVICING"),
    Skill("CARD_SERVICING", "Card servicing", "SERVICING"),
    Skill("PAYMENTS_SERVICING", "Payments servicing", "SERVICING"),
    Skill("DIGITAL_SUPPORT", "Online and mobile banking support", "SERVICING"),
    Skill("COMPLAINTS_HANDLING", "Complaints handling", "SERVICING"),
    Skill("VULNERABLE_CUSTOMER_CARE", "Vulnerable customer care", "SERVICING"),
    Skill("RISK", "Risk and compliance"),
    Skill("FRAUD_INVESTIGATION", "Fraud investigation", "RISK"),
    Skill("COLLECTIONS", "Collections and recoveries", "RISK"),
    Skill("DEBT_RESTRUCTURING", "Debt restructuring", "COLLECTIONS"),
    Skill("KYC_REVIEW", "Know-your-customer review", "RISK"),
    Skill("BUSINESS_BANKING", "Business banking"),
    Skill("SMALL_BUSINESS_BANKING", "Small business banking", "BUSINESS_BANKING"),
    Skill("CORPORATE_BANKING", "Corporate banking", "BUSINESS_BANKING"),
    Skill("BUSINESS_LENDING", "Business lending", "BUSINESS_BANKING"),
    Skill("TRADE_FINANCE", "Trade finance", "CORPORATE_BANKING"),
    Skill("CASH_MANAGEMENT", "Cash management", "CORPORATE_BANKING"),
    Skill("RELATIONSHIP_MANAGEMENT", "Relationship management"),
    Skill("PREMIER_RELATIONSHIP", "Premier relationship management", "RELATIONSHIP_MANAGEMENT"),
    Skill("PRIVATE_BANKING", "Private banking", "RELATIONSHIP_MANAGEMENT"),
)

_PERSONS = ("MASS", "AFFLUENT", "PREMIER", "PRIVATE")
_WEALTHY = ("AFFLUENT", "PREMIER", "PRIVATE")
_BUSINESS = ("SMALL_BUSINESS", "CORPORATE")


@dataclass(frozen=True)
class Product:
    product_id: str
    name: str
    family: str
    segments: tuple[str, ...]
    min_credit_rating: int | None
    needs_skills: tuple[str, ...]


# A credit rating runs from 1 (weakest) to 10 (strongest); minCreditRating is the lowest that qualifies.
PRODUCTS: tuple[Product, ...] = (
    Product("P-CURRENT-ACCOUNT", "Everyday current account", "DEPOSITS", _PERSONS, None, ("ACCOUNT_SERVICING",)),
    Product("P-SAVINGS-ACCOUNT", "Instant access savings", "DEPOSITS", _PERSONS, None, ("DEPOSIT_SALES",)),
    Product("P-FIXED-TERM-DEPOSIT", "Fixed-term deposit", "DEPOSITS", _WEALTHY + _BUSINESS, None, ("DEPOSIT_SALES",)),
    Product("P-MORTGAGE-FIXED", "Fixed-rate mortgage", "LENDING", _PERSONS, 6, ("MORTGAGE_SALES",)),
    Product("P-MORTGAGE-VARIABLE", "Variable-rate mortgage", "LENDING", _WEALTHY, 7, ("MORTGAGE_SALES",)),
    Product("P-PERSONAL-LOAN", "Personal loan", "LENDING", ("MASS", "AFFLUENT"), 5, ("CONSUMER_LENDING_SALES",)),
    Product("P-DEBIT-CARD", "Debit card", "CARDS", _PERSONS, None, ("CARD_SERVICING",)),
    Product("P-CREDIT-CARD-CLASSIC", "Classic credit card", "CARDS", ("MASS", "AFFLUENT"), 4, ("CARD_SALES",)),
    Product("P-CREDIT-CARD-PLATINUM", "Platinum credit card", "CARDS", ("PREMIER", "PRIVATE"), 7, ("CARD_SALES",)),
    Product("P-INVESTMENT-FUNDS", "Managed investment funds", "INVESTMENTS", _WEALTHY, None, ("INVESTMENT_ADVICE",)),
    Product("P-DISCRETIONARY-PORTFOLIO", "Discretionary portfolio management", "INVESTMENTS", ("PRIVATE",), None,
            ("INVESTMENT_ADVICE", "WEALTH_PLANNING")),
    Product("P-PENSION-PLAN", "Personal pension plan", "INVESTMENTS", ("MASS", "AFFLUENT", "PREMIER"), None,
            ("PENSION_ADVICE",)),
    Product("P-HOME-INSURANCE", "Home insurance", "INSURANCE", _PERSONS, None, ("INSURANCE_SALES",)),
    Product("P-LIFE-INSURANCE", "Life insurance", "INSURANCE", _WEALTHY, None, ("INSURANCE_SALES",)),
    Product("P-MOBILE-PAYMENTS", "Mobile payments", "PAYMENTS", ("MASS", "AFFLUENT", "SMALL_BUSINESS"), None,
            ("PAYMENTS_SERVICING", "DIGITAL_SUPPORT")),
    Product("P-BUSINESS-ACCOUNT", "Business current account", "BUSINESS_BANKING", _BUSINESS, None,
            ("SMALL_BUSINESS_BANKING",)),
    Product("P-BUSINESS-LOAN", "Business loan", "LENDING", _BUSINESS, 6, ("BUSINESS_LENDING",)),
    Product("P-MERCHANT-SERVICES", "Merchant card acquiring", "PAYMENTS", ("SMALL_BUSINESS",), None,
            ("PAYMENTS_SERVICING",)),
    Product("P-CASH-MANAGEMENT", "Corporate cash management", "BUSINESS_BANKING", ("CORPORATE",), None,
            ("CASH_MANAGEMENT",)),
    Product("P-TRADE-FINANCE", "Trade finance", "BUSINESS_BANKING", ("CORPORATE",), 5, ("TRADE_FINANCE",)),
)

# The product every customer of a kind starts with.
ANCHOR_PRODUCT = {"PERSON": "P-CURRENT-ACCOUNT", "ORGANIZATION": "P-BUSINESS-ACCOUNT"}


@dataclass(frozen=True)
class Pool:
    pool_id: str
    name: str
    purpose: str
    strategy: str
    resource_kind: str
    skills: tuple[str, ...]  # what every member is trained in
    weight: int  # share of the non-RM workforce


POOLS: tuple[Pool, ...] = (
    Pool("POOL-SERVICING", "General servicing", "SERVICING", "LONGEST_IDLE", "AGENT",
         ("SERVICING", "ACCOUNT_SERVICING", "CARD_SERVICING", "PAYMENTS_SERVICING", "DIGITAL_SUPPORT"), 48),
    Pool("POOL-SALES", "Sales and cross-sell", "SALES", "LEAST_LOAD", "AGENT",
         ("SALES", "DEPOSIT_SALES", "CARD_SALES", "INSURANCE_SALES", "LENDING_SALES"), 22),
    Pool("POOL-PREMIER", "Premier and private relationship team", "PREMIER", "LEAST_LOAD", "RELATIONSHIP_MANAGER",
         ("RELATIONSHIP_MANAGEMENT", "PREMIER_RELATIONSHIP", "SALES", "INVESTMENT_ADVICE", "MORTGAGE_SALES"), 0),
    Pool("POOL-FRAUD", "Fraud investigation", "FRAUD", "LONGEST_IDLE", "SPECIALIST",
         ("RISK", "FRAUD_INVESTIGATION", "CARD_SERVICING"), 7),
    Pool("POOL-COLLECTIONS", "Collections and recoveries", "COLLECTIONS", "ROUND_ROBIN", "SPECIALIST",
         ("RISK", "COLLECTIONS", "DEBT_RESTRUCTURING"), 9),
    Pool("POOL-VULNERABLE-CARE", "Vulnerable customer care", "VULNERABLE_CARE", "LONGEST_IDLE", "SPECIALIST",
         ("SERVICING", "VULNERABLE_CUSTOMER_CARE", "COMPLAINTS_HANDLING"), 7),
    Pool("POOL-CORPORATE", "Corporate and business banking", "CORPORATE", "LEAST_LOAD", "RELATIONSHIP_MANAGER",
         ("RELATIONSHIP_MANAGEMENT", "BUSINESS_BANKING", "SMALL_BUSINESS_BANKING", "CORPORATE_BANKING",
          "BUSINESS_LENDING"), 0),
    Pool("POOL-KYC", "KYC review", "KYC", "ROUND_ROBIN", "SPECIALIST", ("RISK", "KYC_REVIEW"), 7),
)

# Which relationship-manager pool looks after which segment.
RM_POOL_FOR_SEGMENT = {
    "PREMIER": "POOL-PREMIER", "PRIVATE": "POOL-PREMIER",
    "SMALL_BUSINESS": "POOL-CORPORATE", "CORPORATE": "POOL-CORPORATE",
}
RM_BOOK_SIZE = 200  # customers per relationship manager at full scale


@dataclass(frozen=True)
class IndicatorType:
    code: str
    kind: str
    name: str
    description: str
    blocks_sales: bool = False
    priority_boost: int = 0
    severity: str = "LOW"
    requires: tuple[tuple[str, int], ...] = ()  # (skill code, minimum proficiency)
    routes_to: str | None = None
    confidential: bool = False  # only relationship managers and admins may see such indicators
    allowed_values: tuple[str, ...] | None = None  # None: any value
    validity_days: int | None = None  # an indicator lapses this long after validFrom unless renewed; None: never


INDICATOR_TYPES: tuple[IndicatorType, ...] = (
    IndicatorType("IN_ARREARS", "STATUS", "In arrears", "A repayment is overdue; value is the days-past-due band.",
                  True, 1, "HIGH", (("COLLECTIONS", 2),), "POOL-COLLECTIONS", allowed_values=ARREARS_BANDS),
    IndicatorType("ACCOUNT_IN_DISTRESS", "STATUS", "Account in distress",
                  "Serious financial difficulty; value is the recovery stage.",
                  True, 2, "HIGH", (("COLLECTIONS", 3), ("DEBT_RESTRUCTURING", 2)), "POOL-COLLECTIONS",
                  allowed_values=DISTRESS_STAGES),
    IndicatorType("SALES_PROSPECT", "STATUS", "Sales prospect",
                  "An open lead exists; value is the productId of interest.",
                  False, 0, "LOW", (("SALES", 2),), "POOL-SALES", validity_days=180),
    IndicatorType("DORMANT", "STATUS", "Dormant", "No customer-initiated activity for over 12 months.",
                  False, 0, "LOW", (("ACCOUNT_SERVICING", 1),)),
    IndicatorType("KYC_EXPIRED", "STATUS", "KYC expired",
                  "Identity documents or due diligence are out of date; value is the expiry date.",
                  True, 0, "MEDIUM", (("KYC_REVIEW", 2),), "POOL-KYC"),
    IndicatorType("CREDIT_RATING", "RATING", "Credit rating", "Internal credit rating, 1 (weakest) to 10 (strongest).",
                  allowed_values=CREDIT_RATING_VALUES),
    IndicatorType("VALUE_TIER", "RATING", "Value tier", "Relationship value: BRONZE, SILVER, GOLD or PLATINUM.",
                  allowed_values=VALUE_TIERS),
    IndicatorType("PROFITABILITY", "RATING", "Profitability", "Customer profitability band: LOW, MEDIUM or HIGH.",
                  allowed_values=PROFITABILITY_BANDS),
    IndicatorType("POSSIBLE_FRAUD", "ALERT", "Possible fraud", "Suspected fraud; value is the fraud pattern.",
                  True, 3, "HIGH", (("FRAUD_INVESTIGATION", 3),), "POOL-FRAUD", confidential=True),
    IndicatorType("VULNERABLE_CUSTOMER", "ALERT", "Vulnerable customer",
                  "The customer needs extra care; value is the circumstance.",
                  False, 1, "MEDIUM", (("VULNERABLE_CUSTOMER_CARE", 2),), "POOL-VULNERABLE-CARE", validity_days=365),
    IndicatorType("COMPLAINT_OPEN", "ALERT", "Complaint open", "A complaint is being handled; value is its topic.",
                  False, 1, "MEDIUM", (("COMPLAINTS_HANDLING", 2),), validity_days=90),
)

INDICATOR_LABELS = {"STATUS": "Status", "RATING": "Rating", "ALERT": "Alert"}
FRAUD_PATTERNS = ("CARD_NOT_PRESENT", "ACCOUNT_TAKEOVER", "IDENTITY_THEFT", "UNUSUAL_TRANSFER")
VULNERABILITIES = ("BEREAVEMENT", "ILL_HEALTH", "FINANCIAL_DIFFICULTY", "LOW_CAPABILITY")
COMPLAINT_TOPICS = ("FEES", "SERVICE", "PRODUCT", "DIGITAL")


@dataclass(frozen=True)
class EventType:
    code: str
    category: str
    name: str
    suggests: tuple[tuple[str, str], ...] = ()  # (productId, why) a lead the event may lead to


EVENT_CATEGORIES = ("RELATIONSHIP", "SALES", "SERVICING", "PRODUCT_PROCESSING", "FRAUD", "LIFE")

# The vocabulary of Customer Event History: every event's type is one of these, of its category.
# Life events carry the lead rules (the SUGGESTS relationships) a front end offers when one is captured.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType("REVIEW_MEETING", "RELATIONSHIP", "Relationship review meeting"),
    EventType("CONTACT_DETAILS_UPDATED", "RELATIONSHIP", "Contact details updated"),
    EventType("CONSENT_UPDATED", "RELATIONSHIP", "Marketing consent updated"),
    EventType("ROUTING_INDICATOR_CAPTURED", "RELATIONSHIP", "A routing-profile indicator was captured"),
    EventType("ROUTING_INDICATOR_UPDATED", "RELATIONSHIP", "A routing-profile indicator was updated"),
    EventType("ROUTING_INDICATOR_ENDED", "RELATIONSHIP", "A routing-profile indicator was ended"),
    EventType("ROUTING_PROFILE_REFRESHED", "RELATIONSHIP", "A routing profile was refreshed"),
    EventType("RELATIONSHIP_MANAGER_ASSIGNED", "RELATIONSHIP", "A relationship manager was assigned"),
    EventType("PLAN_CREATED", "RELATIONSHIP", "A relationship plan was created"),
    EventType("PLAN_UPDATED", "RELATIONSHIP", "A relationship plan was updated"),
    EventType("PLAN_VERIFIED", "RELATIONSHIP", "A relationship plan was verified"),
    EventType("PLAN_ACCEPTED", "RELATIONSHIP", "A relationship plan was accepted and became active"),
    EventType("PLAN_REJECTED", "RELATIONSHIP", "A relationship plan was rejected"),
    EventType("PLAN_SUSPENDED", "RELATIONSHIP", "A relationship plan was suspended"),
    EventType("PLAN_RESUMED", "RELATIONSHIP", "A relationship plan was resumed"),
    EventType("PLAN_CLOSED", "RELATIONSHIP", "A relationship plan was closed"),
    EventType("PLAN_REVIEW_REQUESTED", "RELATIONSHIP", "A relationship plan's review was requested"),
    EventType("PLAN_CAMPAIGN_GRANTED", "RELATIONSHIP", "A relationship plan qualified the customer for a campaign"),
    EventType("DEVELOPMENT_TASK_CREATED", "RELATIONSHIP", "A relationship development task was created"),
    EventType("DEVELOPMENT_TASK_UPDATED", "RELATIONSHIP", "A relationship development task was updated"),
    EventType("DEVELOPMENT_TASK_REQUESTED", "RELATIONSHIP", "A relationship development task was requested of its assignee"),
    EventType("DEVELOPMENT_TASK_SUBMITTED", "RELATIONSHIP", "A relationship development task's result was submitted"),
    EventType("DEVELOPMENT_TASK_ACCEPTED", "RELATIONSHIP", "A relationship development task's result was accepted"),
    EventType("DEVELOPMENT_TASK_REJECTED", "RELATIONSHIP", "A relationship development task was sent back for rework"),
    EventType("DEVELOPMENT_TASK_CANCELLED", "RELATIONSHIP", "A relationship development task was cancelled"),
    EventType("INCIDENT_CREATED", "RELATIONSHIP", "A customer incident was raised"),
    EventType("INCIDENT_UPDATED", "RELATIONSHIP", "A customer incident was updated"),
    EventType("INCIDENT_PRIORITY_CHANGED", "RELATIONSHIP", "A customer incident's priority was raised or lowered"),
    EventType("INCIDENT_ON_HOLD", "RELATIONSHIP", "A customer incident was put on hold"),
    EventType("INCIDENT_RESUMED", "RELATIONSHIP", "A customer incident was resumed"),
    EventType("INCIDENT_ACKNOWLEDGED", "RELATIONSHIP", "A customer incident was acknowledged"),
    EventType("INCIDENT_RESOLVED", "RELATIONSHIP", "A customer incident was resolved"),
    EventType("INCIDENT_REOPENED", "RELATIONSHIP", "A customer incident was reopened"),
    EventType("INCIDENT_CLOSED", "RELATIONSHIP", "A customer incident was closed"),
    EventType("INCIDENT_CAPTURED", "RELATIONSHIP", "Product or service activity was captured on a customer incident"),
    EventType("PLAN_CONTACT_SCHEDULED", "RELATIONSHIP", "A relationship contact was scheduled"),
    EventType("PLAN_CONTACT_RECORDED", "RELATIONSHIP", "A relationship contact was recorded"),
    EventType("PLAN_CONTACT_UPDATED", "RELATIONSHIP", "A relationship contact was updated"),
    EventType("PLAN_CONTACT_RESCHEDULED", "RELATIONSHIP", "A relationship contact was rescheduled"),
    EventType("PLAN_CONTACT_CANCELLED", "RELATIONSHIP", "A relationship contact was cancelled"),
    EventType("PRODUCT_ENQUIRY", "SALES", "Asked about a product"),
    EventType("OFFER_PRESENTED", "SALES", "Offer presented"),
    EventType("LEAD_CAPTURED", "SALES", "Lead captured"),
    EventType("LEAD_QUALIFYING", "SALES", "A lead is being qualified: the customer's interest is clarified"),
    EventType("LEAD_CONFIRMED", "SALES", "A lead was confirmed after passing evaluation"),
    EventType("LEAD_OFFER_INITIATED", "SALES", "A lead was handed over to Customer Offer: an offer was initiated"),
    EventType("LEAD_WON", "SALES", "A lead was won: the customer took the offer"),
    EventType("LEAD_LOST", "SALES", "A lead was lost: the customer declined the offer"),
    EventType("LEAD_REJECTED", "SALES", "A lead was rejected by the bank"),
    EventType("LEAD_EXPIRED", "SALES", "A lead expired: nobody progressed it in time"),
    EventType("LEAD_ASSIGNED", "SALES", "A lead was assigned to a servicing resource"),
    EventType("LEAD_OWNER_CHANGED", "SALES", "A lead's owner was changed"),
    EventType("LEAD_PRIORITY_CHANGED", "SALES", "A lead's priority was raised, lowered, suspended or resumed"),
    EventType("LEAD_UPDATED", "SALES", "A lead's details were updated"),
    EventType("LEAD_EVALUATED", "SALES", "A lead was evaluated through the graph"),
    EventType("LEAD_DEVELOPMENT_INITIATED", "SALES", "A development task was initiated for a lead"),
    EventType("LEAD_DEVELOPMENT_UPDATED", "SALES", "A lead's development task was updated"),
    EventType("LEAD_MESSAGE_GENERATED", "SALES", "A message to the prospect was generated for a lead"),
    EventType("LEAD_INTERVENTION_REQUESTED", "SALES", "Manual intervention was requested for a lead"),
    EventType("BALANCE_ENQUIRY", "SERVICING", "Balance and transactions enquiry"),
    EventType("CARD_REPLACEMENT", "SERVICING", "Replacement card ordered"),
    EventType("PAYMENT_ISSUE", "SERVICING", "Payment problem reported"),
    EventType("ADDRESS_CHANGE", "SERVICING", "Postal address changed"),
    EventType("ONLINE_ACCESS_RESET", "SERVICING", "Online banking access reset"),
    EventType("COMPLAINT_RAISED", "SERVICING", "Complaint raised"),
    EventType("CONTACT_QUEUED", "SERVICING", "A contact was queued: nobody could take it yet"),
    EventType("CONTACT_OFFERED", "SERVICING", "A contact was offered to a servicing resource"),
    EventType("CONTACT_ACCEPTED", "SERVICING", "A servicing resource accepted a contact"),
    EventType("CONTACT_REJECTED", "SERVICING", "A servicing resource rejected a contact"),
    EventType("CONTACT_OFFER_LAPSED", "SERVICING", "An offered contact was not accepted in time"),
    EventType("CONTACT_COMPLETED", "SERVICING", "A contact was completed"),
    EventType("CONTACT_CANCELLED", "SERVICING", "A contact was cancelled"),
    EventType("CONTACT_WRAPPED_UP", "SERVICING", "A contact's wrap-up was captured"),
    EventType("LIMIT_CHANGED", "PRODUCT_PROCESSING", "Limit changed"),
    EventType("STATEMENT_ISSUED", "PRODUCT_PROCESSING", "Statement issued"),
    EventType("PAYMENT_MISSED", "PRODUCT_PROCESSING", "Scheduled repayment missed"),
    EventType("PRODUCT_OPENED", "PRODUCT_PROCESSING", "Product opened"),
    EventType("PRODUCT_CLOSED", "PRODUCT_PROCESSING", "Product closed"),
    EventType("CARD_BLOCKED", "FRAUD", "Card blocked after a fraud check"),
    EventType("FRAUD_CHECK_PASSED", "FRAUD", "Transaction confirmed by the customer"),
    EventType("SUSPICIOUS_TRANSACTION", "FRAUD", "Suspicious transaction detected"),
    EventType("STOLEN_CARD", "FRAUD", "Card reported stolen"),
    EventType("DISPUTED_TRANSACTION", "FRAUD", "Transaction disputed"),
    EventType("FRAUD_ALERT_CAPTURED", "FRAUD", "A confidential routing-profile alert was captured"),
    EventType("FRAUD_ALERT_UPDATED", "FRAUD", "A confidential routing-profile alert was updated or ended"),
    EventType("RELOCATION", "LIFE", "Moved home", (
        ("P-MORTGAGE-FIXED", "A move often needs a mortgage"), ("P-HOME-INSURANCE", "A new home needs insuring"))),
    EventType("MARRIAGE", "LIFE", "Got married", (
        ("P-LIFE-INSURANCE", "Protect a partner"), ("P-SAVINGS-ACCOUNT", "Save for shared plans"))),
    EventType("DIVORCE", "LIFE", "Divorced or separated"),
    EventType("BIRTH", "LIFE", "Birth of a child", (
        ("P-SAVINGS-ACCOUNT", "Save for the child's future"), ("P-LIFE-INSURANCE", "Protect a growing family"))),
    EventType("GRADUATION", "LIFE", "Graduated", (("P-CREDIT-CARD-CLASSIC", "A first credit card"),)),
    EventType("RETIREMENT", "LIFE", "Retired", (("P-INVESTMENT-FUNDS", "Invest a pension lump sum"),)),
    EventType("JOB_CHANGE", "LIFE", "Changed employer", (("P-PENSION-PLAN", "Consolidate pensions after a move"),)),
    EventType("EXPANSION", "LIFE", "Business opened a new site", (("P-BUSINESS-LOAN", "Finance the expansion"),)),
    EventType("OWNERSHIP_CHANGE", "LIFE", "Change of business ownership"),
)
