"""Names for the demo bank's people and companies, by customer language.

Names follow the customer's language so that a French-speaking household in Neo4j Browser
reads as one, and company names carry the legal form of their country.
"""

from __future__ import annotations

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "Thomas", "Sophie",
        "James", "Grace", "William", "Lily", "Daniel", "Chloe", "Samuel", "Ella", "Joseph", "Ruby",
    ),
    "fr": (
        "Lucas", "Emma", "Hugo", "Léa", "Louis", "Chloé", "Gabriel", "Manon", "Arthur", "Camille",
        "Jules", "Inès", "Nathan", "Sarah", "Théo", "Juliette", "Antoine", "Louise", "Paul", "Alice",
    ),
    "de": (
        "Lukas", "Mia", "Leon", "Hannah", "Felix", "Lena", "Jonas", "Anna", "Paul", "Marie",
        "Maximilian", "Sophia", "Elias", "Laura", "Moritz", "Johanna", "Tobias", "Katharina", "Jan", "Clara",
    ),
    "nl": (
        "Daan", "Julia", "Sem", "Tess", "Lucas", "Sophie", "Finn", "Fenna", "Bram", "Anna",
        "Jesse", "Sanne", "Thijs", "Lotte", "Ruben", "Eva", "Stijn", "Noor", "Lars", "Iris",
    ),
    "es": (
        "Hugo", "Lucía", "Martín", "Sofía", "Pablo", "María", "Alejandro", "Paula", "Daniel", "Carmen",
        "Javier", "Elena", "Diego", "Marta", "Álvaro", "Laura", "Sergio", "Claudia", "Adrián", "Irene",
    ),
    "it": (
        "Leonardo", "Sofia", "Francesco", "Giulia", "Alessandro", "Aurora", "Lorenzo", "Alice", "Matteo", "Ginevra",
        "Andrea", "Chiara", "Marco", "Francesca", "Luca", "Martina", "Davide", "Elena", "Giovanni", "Sara",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Clarke",
    ),
    "fr": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    ),
    "de": (
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Hartmann",
    ),
    "nl": (
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    ),
    "es": (
        "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
        "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Navarro",
    ),
    "it": (
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
    ),
}

# Countries where each language's customers live, most common first.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "en": ("GB", "GB", "GB", "IE", "US"),
    "fr": ("FR", "FR", "BE", "LU", "CH"),
    "de": ("DE", "DE", "AT", "CH", "LU"),
    "nl": ("NL", "NL", "BE"),
    "es": ("ES", "ES", "ES", "MX"),
    "it": ("IT", "IT", "IT", "CH"),
}

LEGAL_FORMS: dict[str, str] = {
    "GB": "Ltd", "IE": "Ltd", "US": "Inc.", "FR": "SARL", "BE": "SA", "LU": "S.à r.l.", "CH": "AG",
    "DE": "GmbH", "AT": "GmbH", "NL": "B.V.", "ES": "S.L.", "MX": "S.A. de C.V.", "IT": "S.r.l.",
}

COMPANY_WORDS: tuple[str, ...] = (
    "Northgate", "Bluewater", "Riverside", "Summit", "Harbour", "Oakfield", "Silverline", "Meridian",
    "Evergreen", "Crestview", "Lakeside", "Granite", "Horizon", "Beacon", "Ironbridge", "Westwood",
)

COMPANY_TRADES: tuple[str, ...] = (
    "Logistics", "Engineering", "Foods", "Consulting", "Construction", "Textiles", "Software",
    "Pharma", "Retail", "Energy", "Hospitality", "Motors", "Design", "Dental Practice", "Bakery",
)
