"""Word lists for the demo's fictional people, businesses and places. Lists, not sets: order is the seed's."""

# Packed lists read better than one word a line.
# fmt: off

# First names by heritage, so that a name, its ethnicity answer and its business profile agree.
FIRST_NAMES = {
    ("white", "woman"): [
        "Sarah", "Emma", "Rachel", "Joanne", "Helen", "Claire", "Lisa", "Nicola", "Karen", "Louise",
        "Victoria", "Rebecca", "Laura", "Gemma", "Katie", "Amy", "Hannah", "Charlotte", "Lucy", "Jane",
        "Alison", "Julie", "Diane", "Fiona", "Kirsty", "Natalie", "Jennifer", "Beth", "Sophie", "Megan",
        "Caroline", "Amanda", "Tracey", "Deborah", "Jessica", "Eleanor", "Harriet", "Zoe",
        "Abigail", "Siobhan",
    ],
    ("white", "man"): [
        "David", "Paul", "Mark", "Andrew", "Richard", "Stephen", "Michael", "Chris", "James", "John",
        "Peter", "Simon", "Gary", "Neil", "Ian", "Matthew", "Daniel", "Tom", "Robert", "Steven",
        "Craig", "Lee", "Darren", "Jonathan", "Philip", "Graham", "Martin", "Anthony", "Kevin", "Adam",
        "Ben", "Sam", "Jack", "Liam", "Ryan", "Nathan", "Stuart", "Carl", "Dean", "Gareth", "Tomasz",
    ],
    # Lancashire's South Asian communities: Pakistani and Gujarati Muslim families, and Gujarati Hindu ones.
    ("muslim", "woman"): [
        "Aisha", "Nadia", "Samina", "Shabana", "Farah", "Rukhsana", "Zara", "Sana", "Amina", "Hina",
        "Yasmin", "Saima", "Fatima",
    ],
    ("muslim", "man"): [
        "Imran", "Mohammed", "Asif", "Tariq", "Shahid", "Zubair", "Irfan", "Amir", "Rizwan", "Nadeem",
        "Sajid", "Kamran", "Faisal", "Adeel", "Usman", "Yusuf",
    ],
    ("hindu", "woman"): ["Priya", "Anjali", "Nisha", "Meera", "Kiran", "Reena", "Hema", "Bhavna"],
    ("hindu", "man"): ["Rakesh", "Sunil", "Vikram", "Hitesh", "Sanjay", "Nilesh", "Jayesh", "Ketan"],
    ("black", "woman"): ["Ngozi", "Abena", "Yetunde", "Adaeze", "Funmi", "Marcia", "Simone", "Esi"],
    ("black", "man"): ["Chinedu", "Kwame", "Tunde", "Kofi", "Emeka", "Delroy", "Winston", "Femi"],
}

SURNAMES = {
    "white": [
        "Ashworth", "Entwistle", "Haworth", "Greenwood", "Whittaker", "Pilkington", "Holden", "Hargreaves",
        "Duckworth", "Sutcliffe", "Crossley", "Barker", "Ainsworth", "Aspinall", "Bamber", "Birtwistle",
        "Catterall", "Cowell", "Dewhurst", "Eccles", "Fishwick", "Hesketh", "Holt", "Howarth", "Kenyon",
        "Lord", "Marsden", "Nuttall", "Parkinson", "Rigby", "Riley", "Shuttleworth", "Sharples", "Singleton",
        "Taylor", "Walmsley", "Whiteside", "Wilkinson", "Hodgson", "Cookson", "Tomlinson", "Jackson",
        "Wood", "Clarke", "Baxter", "Fletcher", "Heaton", "Kay", "Livesey", "Mercer", "Pickup", "Smith",
        "Thornber", "Wolstenholme", "Butterworth", "Fielding", "Haslam", "Lomax", "Ogden", "Rothwell",
        "Schofield", "Stott", "Tattersall", "Threlfall", "Brennan", "Doyle", "Murphy", "Gallagher",
        "Kowalski", "Nowak",
    ],
    "muslim": [
        "Khan", "Hussain", "Ahmed", "Ali", "Mahmood", "Iqbal", "Akhtar", "Rashid", "Shah", "Bhatti",
        "Malik", "Anwar", "Sharif", "Qureshi", "Patel", "Limbada", "Vali",
    ],
    "hindu": ["Patel", "Mistry", "Desai", "Chauhan", "Parmar", "Solanki", "Lad", "Modha"],
    "black": [
        "Okafor", "Mensah", "Adeyemi", "Boateng", "Campbell", "Osei", "Eze", "Bailey", "Francis", "Asante",
    ],
}
# The equality-monitoring answer each heritage gives.
ETHNICITY = {"white": "white", "muslim": "asian", "hindu": "asian", "black": "black"}

JOB_TITLES = [
    "Managing Director", "Managing Director", "Managing Director", "Director", "Director", "Owner",
    "Founder", "Chief Executive", "Operations Director", "General Manager", "Finance Director",
    "Co-founder", "Commercial Director",
]

# Business names take a place in their district, a Lancashire-sounding word, or a family name.
PLACES = {
    "Blackburn with Darwen": ["Darwen", "Blackburn", "Witton", "Feniscowles", "Ewood", "Whitebirk"],
    "Blackpool": ["Blackpool", "Bispham", "Marton", "Layton", "Squires Gate", "Tower"],
    "Burnley": ["Burnley", "Padiham", "Briercliffe", "Worsthorne", "Cliviger", "Hapton"],
    "Chorley": ["Chorley", "Euxton", "Croston", "Rivington", "Adlington", "Whittle"],
    "Fylde": ["Lytham", "St Annes", "Kirkham", "Freckleton", "Warton", "Wrea Green"],
    "Hyndburn": ["Accrington", "Oswaldtwistle", "Rishton", "Clayton", "Great Harwood", "Altham"],
    "Lancaster": ["Lancaster", "Morecambe", "Heysham", "Carnforth", "Silverdale", "Lune"],
    "Pendle": ["Pendle", "Colne", "Nelson", "Barnoldswick", "Earby", "Trawden"],
    "Preston": ["Preston", "Fulwood", "Ribbleton", "Goosnargh", "Broughton", "Ribble"],
    "Ribble Valley": ["Clitheroe", "Longridge", "Whalley", "Bowland", "Chipping", "Sabden", "Hodder"],
    "Rossendale": ["Rossendale", "Rawtenstall", "Bacup", "Haslingden", "Waterfoot", "Irwell"],
    "South Ribble": ["Leyland", "Penwortham", "Walton", "Samlesbury", "Bamber Bridge", "Longton"],
    "West Lancashire": ["Ormskirk", "Skelmersdale", "Burscough", "Tarleton", "Parbold", "Rufford"],
    "Wyre": ["Fleetwood", "Poulton", "Garstang", "Thornton", "Cleveleys", "Wyre", "Pilling"],
    # Over the boundary: the postcode areas reach beyond Lancashire.
    "PR8": ["Southport", "Birkdale", "Ainsdale"],
    "PR9": ["Southport", "Churchtown", "Crossens"],
    "LA9": ["Kendal", "Kentmere", "Mintsfeet"],
    "WN1": ["Wigan", "Standish", "Whelley"],
}
WORDS = [
    "Red Rose", "Millstone", "Northlight", "Weavers", "Cotton Mill", "Moorside", "Beacon", "Brightwater",
    "Kingfisher", "Pennine", "Lancashire", "Northern", "Bluebell", "Oakwood", "Riverside", "Summit",
    "Keystone", "Meridian", "Harbour", "Ironbridge", "Forge", "Heritage", "Greenfield", "Highfield",
]

# District weights follow the size of each district's business base; outward codes lie inside it.
DISTRICTS = [
    # name, kind, travel area, weight, outward postcodes
    ("Blackburn with Darwen", "unitary", "East Lancashire", 10, ["BB1", "BB2", "BB3"]),
    ("Blackpool", "unitary", "Fylde Coast", 9, ["FY1", "FY2", "FY3", "FY4"]),
    ("Burnley", "district", "East Lancashire", 6, ["BB10", "BB11", "BB12"]),
    ("Chorley", "district", "Central Lancashire", 7, ["PR6", "PR7"]),
    ("Fylde", "district", "Fylde Coast", 5, ["FY8", "PR4"]),
    ("Hyndburn", "district", "East Lancashire", 5, ["BB5", "BB6"]),
    ("Lancaster", "district", "North Lancashire", 9, ["LA1", "LA2", "LA3", "LA4", "LA5"]),
    ("Pendle", "district", "East Lancashire", 6, ["BB8", "BB9", "BB18"]),
    ("Preston", "district", "Central Lancashire", 10, ["PR1", "PR2"]),
    ("Ribble Valley", "district", "East Lancashire", 4, ["BB7"]),
    ("Rossendale", "district", "East Lancashire", 5, ["BB4", "OL13"]),
    ("South Ribble", "district", "Central Lancashire", 7, ["PR25", "PR26", "PR5"]),
    ("West Lancashire", "district", "West Lancashire", 7, ["L39", "L40", "WN8"]),
    ("Wyre", "district", "Fylde Coast", 7, ["FY5", "FY6", "FY7", "PR3"]),
]

# SIC 2007 code, weight, name endings, turnover per employee in thousands of pounds (low, high).
SIC_TABLE = [
    ("25620", 6, ["Precision Engineering", "CNC Machining", "Precision Components"], (70, 120)),
    ("22290", 3, ["Plastics", "Mouldings", "Polymer Products"], (80, 140)),
    ("10710", 3, ["Bakery", "Bakehouse", "Oatcakes"], (50, 90)),
    ("10512", 1, ["Creamery", "Cheese Company", "Dairy Foods"], (90, 150)),
    ("10130", 1, ["Pies", "Meat Products"], (70, 120)),
    ("10850", 1, ["Kitchen Foods", "Ready Meals"], (70, 120)),
    ("11050", 1, ["Brewery", "Brewing Company"], (60, 110)),
    ("28290", 3, ["Process Equipment", "Machinery", "Filtration"], (90, 150)),
    ("25110", 3, ["Fabrications", "Steel Fabrication", "Structural Steel"], (80, 130)),
    ("31090", 2, ["Furniture", "Contract Furniture"], (60, 100)),
    ("17290", 2, ["Packaging", "Print & Packaging"], (80, 130)),
    ("20590", 1, ["Chemicals", "Coatings"], (120, 200)),
    ("41201", 3, ["Construction", "Building Contractors"], (90, 160)),
    ("43210", 4, ["Electrical", "Electrical Contractors"], (60, 100)),
    ("43220", 3, ["Plumbing & Heating", "Heating Services"], (60, 100)),
    ("43390", 2, ["Interiors", "Shopfitting"], (60, 100)),
    ("46900", 3, ["Trade Supplies", "Wholesale"], (150, 300)),
    ("46690", 2, ["Industrial Supplies", "Equipment Supplies"], (150, 260)),
    ("47190", 2, ["Home Store", "Stores"], (60, 110)),
    ("47910", 3, ["Online", "Direct"], (90, 180)),
    ("69201", 3, ["Accountants", "Accountancy"], (55, 90)),
    ("69102", 1, ["Solicitors", "Law"], (60, 100)),
    ("70229", 3, ["Consulting", "Management Consultants"], (60, 110)),
    ("71121", 2, ["Engineering Design", "Design Engineers"], (70, 110)),
    ("73110", 2, ["Creative", "Marketing"], (55, 95)),
    ("74100", 1, ["Design", "Design Studio"], (50, 90)),
    ("62012", 4, ["Software", "Digital", "Apps"], (70, 130)),
    ("62020", 2, ["IT Solutions", "IT Services"], (70, 120)),
    ("59112", 1, ["Films", "Video"], (50, 90)),
    ("56101", 2, ["Kitchen", "Restaurant", "Bistro"], (35, 55)),
    ("55100", 2, ["Hotel", "Lodge Hotel"], (40, 60)),
    ("56302", 1, ["Inns", "Taverns"], (35, 50)),
    ("56102", 1, ["Tea Rooms", "Café"], (35, 50)),
    ("55201", 1, ["Holiday Village", "Holiday Park"], (45, 70)),
    ("55300", 1, ["Caravan Park", "Holiday Homes"], (45, 70)),
    ("56210", 1, ["Event Catering", "Catering"], (40, 60)),
    ("86900", 2, ["Physiotherapy", "Health Clinic"], (45, 70)),
    ("88100", 2, ["Home Care", "Care Services"], (25, 40)),
    ("87300", 1, ["Care Homes", "Residential Care"], (30, 45)),
    ("49410", 4, ["Haulage", "Transport", "Logistics"], (90, 150)),
    ("52290", 2, ["Freight Services", "Forwarding"], (120, 200)),
    ("52103", 2, ["Warehousing", "Storage & Distribution"], (80, 140)),
    ("93290", 2, ["Leisure", "Attractions"], (40, 70)),
    ("93210", 1, ["Amusements", "Pleasure Park"], (40, 70)),
    ("79110", 1, ["Travel", "Holidays"], (80, 160)),
    ("85590", 1, ["Training", "Skills Academy"], (45, 75)),
]

# Codes only refused applicants have: personal services are too small here, farming and fishing excluded.
OTHER_SICS = [
    ("96020", 0, ["Hair & Beauty", "Salon"], (30, 45)),
    ("01410", 0, ["Dairy Farm", "Farms"], (60, 100)),
    ("03110", 0, ["Fishing Company", "Trawlers"], (80, 140)),
    ("01130", 0, ["Growers", "Salad Growers"], (60, 100)),
]

# Ownership tags and the share of businesses that carry each.
OWNERSHIP_SHARES = [
    ("women-led", 0.30),
    ("family", 0.25),
    ("ethnic-minority-led", 0.12),
    ("social-enterprise", 0.03),
    ("employee-owned", 0.02),
]

ORGANISATIONS = [("", 54), ("FSB", 20), ("Chamber of Commerce", 15), ("Make UK", 6), ("IoD", 5)]

# Popular slots first; the matching engine needs clusters, and these are the ones leaders pick.
SLOT_WEIGHTS = [
    ("tue-am", 20), ("wed-am", 16), ("thu-pm", 14), ("thu-am", 10), ("tue-pm", 9),
    ("wed-pm", 8), ("mon-am", 7), ("fri-am", 7), ("mon-pm", 5), ("fri-pm", 4),
]

THEME_WEIGHTS = [
    ("supply-chain", 22), ("staffing", 20), ("exporting", 16), ("production", 14), ("finance", 15),
    ("growth-strategy", 8), ("digital", 8), ("marketing", 7), ("leadership", 6), ("net-zero", 5),
]

AGE_BANDS = [("25-34", 12), ("35-44", 28), ("45-54", 33), ("55-64", 21), ("65+", 6)]
# fmt: on
