"""The demo data's vocabulary: the demo source's passages, places, causes, kinds of organization, names and
the texts that goals, visions and slogans are built from, in Arabic and English. Data only; `generator.py`
combines it."""

from ..models import DatePrecision, Event, Goal, Organization

# --- The demo source --------------------------------------------------------------------------------------
# Every demo row quotes one of these passages, each a line of the demo source's full text, so that what the
# public site shows as the quote says plainly that the fact is invented.
PASSAGES = {
    "organization": (
        "منظمة متخيَّلة: اسمها ونوعها ونطاقها وأماكن عملها وقضاياها مولدة آليا. — An invented organization: "
        "its name, kind, scope, places of work and causes are generated."
    ),
    "parent": (
        "فرع متخيَّل من شبكة متخيَّلة: علاقة التبعية بينهما مولدة آليا. — An invented branch of an invented "
        "network: the link between them is generated."
    ),
    "founded": (
        "تاريخ التأسيس مولد آليا، بدقة اليوم أو الشهر أو السنة، وقد يبقى مجهولا. — The founding date is "
        "generated, to the day, the month or the year, and may be unknown."
    ),
    "members": (
        "عدد الأعضاء مولد آليا، مضبوطا أو حدا أدنى. — The number of members is generated, exact or as a "
        "lower bound."
    ),
    "texts": (
        "الوصف والرؤية والرسالة والشعار نصوص نموذجية مولدة آليا. — The description, vision, mission and "
        "slogan are template texts, generated."
    ),
    "person": (
        "شخص متخيَّل: الاسم مركب آليا من قوائم أسماء شائعة ولا يدل على أي شخص حقيقي. — An invented person: "
        "the name is put together from lists of common names and refers to no real person."
    ),
    "body": "هيئة متخيَّلة (مكتب أو لجنة أو تنسيقية) مولدة آليا. — An invented body (bureau, committee or "
    "coordination), generated.",
    "membership": "العضوية والدور فيها مولدان آليا. — The membership and its role are generated.",
    "event": (
        "حدث متخيَّل: نوعه وتاريخه ومكانه والمشاركون فيه مولدة آليا. — An invented event: its kind, date, "
        "place and participants are generated."
    ),
    "goal": (
        "الأهداف والوسائل والمهام والأنشطة نصوص نموذجية مرتبة آليا. — The objectives, means, tasks and "
        "activities are template texts, put in order automatically."
    ),
    "relation": "علاقة متخيَّلة بين منظمتين متخيَّلتين، مولدة آليا. — An invented relation between two invented "
    "organizations, generated.",
    "publication": "منشور متخيَّل (مجلة أو دراسة أو تقرير) مولد آليا. — An invented publication (magazine, "
    "study or report), generated.",
}

SOURCE_TEXT = "\n\n".join(
    [
        "بيانات تجريبية مولدة آليا — Synthetic demo data, generated automatically",
        "هذا المصدر ليس وثيقة حقيقية: أنشأه الأمر generate_demo_data لاختبار الدليل على قاعدة بيانات "
        "كبيرة. كل ما يستشهد به من منظمات وأشخاص وأحداث وأهداف ومنشورات متخيَّل، وأي تشابه مع منظمات "
        "أو أشخاص حقيقيين محض صدفة.",
        "This source is not a real document: the generate_demo_data command created it to test the directory "
        "on a large database. Every organization, person, event, goal and publication that cites it is "
        "invented; any resemblance to real organizations or people is coincidental.",
        *PASSAGES.values(),
    ]
)

# --- Word lists -------------------------------------------------------------------------------------------
# Tables read best one entry a line, so the formatter leaves them alone.
# fmt: off

# (code, Arabic, English, masculine Arabic adjective, English adjective, multi-country region, weight)
COUNTRIES = [
    ("MA", "المغرب", "Morocco", "المغربي", "Moroccan", "maghreb", 20),
    ("DZ", "الجزائر", "Algeria", "الجزائري", "Algerian", "maghreb", 12),
    ("TN", "تونس", "Tunisia", "التونسي", "Tunisian", "maghreb", 14),
    ("LY", "ليبيا", "Libya", "الليبي", "Libyan", "maghreb", 8),
    ("MR", "موريتانيا", "Mauritania", "الموريتاني", "Mauritanian", "maghreb", 4),
    ("EG", "مصر", "Egypt", "المصري", "Egyptian", None, 9),
    ("SD", "السودان", "Sudan", "السوداني", "Sudanese", None, 3),
    ("LB", "لبنان", "Lebanon", "اللبناني", "Lebanese", "mashriq", 4),
    ("SY", "سوريا", "Syria", "السوري", "Syrian", "mashriq", 3),
    ("JO", "الأردن", "Jordan", "الأردني", "Jordanian", "mashriq", 4),
    ("PS", "فلسطين", "Palestine", "الفلسطيني", "Palestinian", "mashriq", 4),
    ("IQ", "العراق", "Iraq", "العراقي", "Iraqi", "mashriq", 3),
    ("SA", "السعودية", "Saudi Arabia", "السعودي", "Saudi", "gulf", 2),
    ("YE", "اليمن", "Yemen", "اليمني", "Yemeni", None, 3),
    ("OM", "عُمان", "Oman", "العُماني", "Omani", "gulf", 1),
    ("AE", "الإمارات العربية المتحدة", "United Arab Emirates", "الإماراتي", "Emirati", "gulf", 1),
    ("QA", "قطر", "Qatar", "القطري", "Qatari", "gulf", 1),
    ("BH", "البحرين", "Bahrain", "البحريني", "Bahraini", "gulf", 1),
    ("KW", "الكويت", "Kuwait", "الكويتي", "Kuwaiti", "gulf", 1),
    ("DJ", "جيبوتي", "Djibouti", "الجيبوتي", "Djiboutian", None, 1),
    ("IR", "إيران", "Iran", "الإيراني", "Iranian", None, 1),
]
# Multi-country regions: (code, Arabic, English, masculine Arabic adjective, English adjective)
REGIONS = [
    ("maghreb", "المغرب العربي", "The Maghreb", "المغاربي", "Maghreb"),
    ("mashriq", "المشرق العربي", "The Mashriq", "المشرقي", "Mashriq"),
    ("gulf", "الخليج العربي", "The Gulf", "الخليجي", "Gulf"),
]
# (code, kind, parent code, Arabic, English), parents first. ISO 3166-2 codes for regions and provinces.
# The seeds' taxonomy codes (MA-05, MA-10, MA-11, MA-12, rabat, beni-mellal, el-bayda, benghazi) are here
# with the taxonomy's names.
SUBPLACES = [
    ("MA-01", "region", "MA", "جهة طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma"),
    ("MA-02", "region", "MA", "جهة الشرق", "L'Oriental"),
    ("MA-03", "region", "MA", "جهة فاس مكناس", "Fès-Meknès"),
    ("MA-04", "region", "MA", "جهة الرباط سلا القنيطرة", "Rabat-Salé-Kénitra"),
    ("MA-05", "region", "MA", "جهة بني ملال خنيفرة", "Béni Mellal-Khénifra"),
    ("MA-06", "region", "MA", "جهة الدار البيضاء سطات", "Casablanca-Settat"),
    ("MA-07", "region", "MA", "جهة مراكش آسفي", "Marrakech-Safi"),
    ("MA-09", "region", "MA", "جهة سوس ماسة", "Souss-Massa"),
    ("MA-10", "region", "MA", "جهة كلميم واد نون", "Guelmim-Oued Noun"),
    ("MA-11", "region", "MA", "جهة العيون الساقية الحمراء", "Laâyoune-Sakia El Hamra"),
    ("MA-12", "region", "MA", "جهة الداخلة واد الذهب", "Dakhla-Oued Ed-Dahab"),
    ("rabat", "city", "MA", "الرباط", "Rabat"),
    ("beni-mellal", "city", "MA-05", "بني ملال", "Béni Mellal"),
    ("casablanca", "city", "MA-06", "الدار البيضاء", "Casablanca"),
    ("marrakech", "city", "MA-07", "مراكش", "Marrakech"),
    ("fes", "city", "MA-03", "فاس", "Fès"),
    ("tangier", "city", "MA-01", "طنجة", "Tangier"),
    ("oujda", "city", "MA-02", "وجدة", "Oujda"),
    ("kenitra", "city", "MA-04", "القنيطرة", "Kénitra"),
    ("agadir", "city", "MA-09", "أكادير", "Agadir"),
    ("guelmim", "city", "MA-10", "كلميم", "Guelmim"),
    ("laayoune", "city", "MA-11", "العيون", "Laâyoune"),
    ("dakhla", "city", "MA-12", "الداخلة", "Dakhla"),
    ("DZ-16", "province", "DZ", "ولاية الجزائر", "Algiers Province"),
    ("DZ-31", "province", "DZ", "ولاية وهران", "Oran Province"),
    ("DZ-25", "province", "DZ", "ولاية قسنطينة", "Constantine Province"),
    ("DZ-15", "province", "DZ", "ولاية تيزي وزو", "Tizi Ouzou Province"),
    ("algiers", "city", "DZ-16", "الجزائر العاصمة", "Algiers"),
    ("oran", "city", "DZ-31", "وهران", "Oran"),
    ("constantine", "city", "DZ-25", "قسنطينة", "Constantine"),
    ("tizi-ouzou", "city", "DZ-15", "تيزي وزو", "Tizi Ouzou"),
    ("annaba", "city", "DZ", "عنابة", "Annaba"),
    ("TN-11", "province", "TN", "ولاية تونس", "Tunis Governorate"),
    ("TN-61", "province", "TN", "ولاية صفاقس", "Sfax Governorate"),
    ("TN-51", "province", "TN", "ولاية سوسة", "Sousse Governorate"),
    ("TN-71", "province", "TN", "ولاية قفصة", "Gafsa Governorate"),
    ("tunis", "city", "TN-11", "تونس العاصمة", "Tunis"),
    ("sfax", "city", "TN-61", "صفاقس", "Sfax"),
    ("sousse", "city", "TN-51", "سوسة", "Sousse"),
    ("gafsa", "city", "TN-71", "قفصة", "Gafsa"),
    ("kairouan", "city", "TN", "القيروان", "Kairouan"),
    ("tripoli", "city", "LY", "طرابلس", "Tripoli"),
    ("benghazi", "city", "LY", "بنغازي", "Benghazi"),
    ("el-bayda", "city", "LY", "البيضاء", "El-Baidah"),
    ("misrata", "city", "LY", "مصراتة", "Misrata"),
    ("sabha", "city", "LY", "سبها", "Sabha"),
    ("nouakchott", "city", "MR", "نواكشوط", "Nouakchott"),
    ("nouadhibou", "city", "MR", "نواذيبو", "Nouadhibou"),
    ("EG-C", "province", "EG", "محافظة القاهرة", "Cairo Governorate"),
    ("EG-ALX", "province", "EG", "محافظة الإسكندرية", "Alexandria Governorate"),
    ("EG-ASN", "province", "EG", "محافظة أسوان", "Aswan Governorate"),
    ("EG-AST", "province", "EG", "محافظة أسيوط", "Asyut Governorate"),
    ("cairo", "city", "EG-C", "القاهرة", "Cairo"),
    ("alexandria", "city", "EG-ALX", "الإسكندرية", "Alexandria"),
    ("aswan", "city", "EG-ASN", "أسوان", "Aswan"),
    ("asyut", "city", "EG-AST", "أسيوط", "Asyut"),
    ("khartoum", "city", "SD", "الخرطوم", "Khartoum"),
    ("port-sudan", "city", "SD", "بورتسودان", "Port Sudan"),
    ("beirut", "city", "LB", "بيروت", "Beirut"),
    ("tripoli-lb", "city", "LB", "طرابلس", "Tripoli"),
    ("saida", "city", "LB", "صيدا", "Sidon"),
    ("damascus", "city", "SY", "دمشق", "Damascus"),
    ("aleppo", "city", "SY", "حلب", "Aleppo"),
    ("homs", "city", "SY", "حمص", "Homs"),
    ("amman", "city", "JO", "عمّان", "Amman"),
    ("irbid", "city", "JO", "إربد", "Irbid"),
    ("zarqa", "city", "JO", "الزرقاء", "Zarqa"),
    ("ramallah", "city", "PS", "رام الله", "Ramallah"),
    ("gaza", "city", "PS", "غزة", "Gaza"),
    ("nablus", "city", "PS", "نابلس", "Nablus"),
    ("hebron", "city", "PS", "الخليل", "Hebron"),
    ("baghdad", "city", "IQ", "بغداد", "Baghdad"),
    ("basra", "city", "IQ", "البصرة", "Basra"),
    ("erbil", "city", "IQ", "أربيل", "Erbil"),
    ("mosul", "city", "IQ", "الموصل", "Mosul"),
    ("riyadh", "city", "SA", "الرياض", "Riyadh"),
    ("jeddah", "city", "SA", "جدة", "Jeddah"),
    ("sanaa", "city", "YE", "صنعاء", "Sanaa"),
    ("aden", "city", "YE", "عدن", "Aden"),
    ("taiz", "city", "YE", "تعز", "Taiz"),
    ("muscat", "city", "OM", "مسقط", "Muscat"),
    ("abu-dhabi", "city", "AE", "أبوظبي", "Abu Dhabi"),
    ("dubai", "city", "AE", "دبي", "Dubai"),
    ("doha", "city", "QA", "الدوحة", "Doha"),
    ("manama", "city", "BH", "المنامة", "Manama"),
    ("kuwait-city", "city", "KW", "مدينة الكويت", "Kuwait City"),
    ("djibouti-city", "city", "DJ", "مدينة جيبوتي", "Djibouti City"),
    ("tehran", "city", "IR", "طهران", "Tehran"),
    ("ahvaz", "city", "IR", "الأهواز", "Ahvaz"),
]

# Causes: (slug, Arabic, English, weight, what an organization works on (Arabic, English), phrases for
# names). The first twelve are the seeds' taxonomy with its names (reused when present); the others are demo
# additions.
CAUSES = [
    ("womens-rights", "حقوق المرأة", "Women's rights", 12,
     ("الدفاع عن حقوق المرأة والنهوض بها", "defending and advancing women's rights"),
     [("من أجل المساواة", "for Equality"), ("لحقوق المرأة", "for Women's Rights")]),
    ("human-rights", "حقوق الإنسان", "Human rights", 8,
     ("نشر ثقافة حقوق الإنسان والدفاع عنها", "spreading and defending a culture of human rights"),
     [("لحقوق الإنسان", "for Human Rights")]),
    ("political-participation", "المشاركة السياسية للمرأة", "Women's political participation", 7,
     ("تعزيز المشاركة السياسية للنساء وتمثيليتهن", "strengthening women's political participation"),
     [("للمشاركة السياسية", "for Political Participation"), ("من أجل المناصفة", "for Parity")]),
    ("palestine-solidarity", "نصرة القدس وفلسطين", "Solidarity with Jerusalem and Palestine", 2,
     ("التضامن مع الشعب الفلسطيني ونصرة القدس", "solidarity with the Palestinian people and Jerusalem"),
     [("لنصرة فلسطين", "for Solidarity with Palestine")]),
    ("participatory-democracy", "الديمقراطية التشاركية", "Participatory democracy", 4,
     ("ترسيخ الديمقراطية التشاركية على المستوى المحلي", "rooting participatory democracy at local level"),
     [("للديمقراطية التشاركية", "for Participatory Democracy"),
      ("للتنمية والمواطنة", "for Development and Citizenship")]),
    ("legal-aid", "الاستشارة والمساعدة القانونية", "Legal counselling and aid", 4,
     ("تقديم الاستشارة والمساعدة القانونية للنساء", "legal counselling and aid for women"),
     [("للاستشارة القانونية", "for Legal Counselling")]),
    ("economic-empowerment", "التمكين الاقتصادي", "Economic empowerment", 7,
     ("التمكين الاقتصادي للنساء ودعم المقاولة النسائية", "women's economic empowerment and entrepreneurship"),
     [("للتمكين الاقتصادي", "for Economic Empowerment"),
      ("للتنمية والتضامن", "for Development and Solidarity")]),
    ("awareness-education", "التوعية والتحسيس", "Awareness and education", 5,
     ("التوعية والتحسيس ومحو الأمية", "awareness-raising, education and literacy"),
     [("لمحو الأمية والتوعية", "for Literacy and Awareness")]),
    ("prisoners-rights", "حقوق السجينات", "Rights of women prisoners", 1,
     ("الدفاع عن حقوق السجينات وإعادة إدماجهن", "defending women prisoners' rights and their reintegration"),
     [("لرعاية السجينات", "for the Care of Women Prisoners")]),
    ("capacity-building", "التدريب وتقوية القدرات", "Training and capacity building", 4,
     ("التدريب وتقوية قدرات الجمعيات النسائية", "training and building the capacity of women's associations"),
     [("للتكوين وتقوية القدرات", "for Training and Capacity Building")]),
    ("liberal-values", "القيم الليبرالية", "Liberal values", 1,
     ("نشر القيم الليبرالية والحريات الفردية", "spreading liberal values and individual freedoms"),
     [("للقيم الليبرالية", "for Liberal Values")]),
    ("governance", "الحكامة", "Governance", 2,
     ("الحكامة الجيدة والشفافية في تدبير الشأن العام", "good governance and transparency in public affairs"),
     [("للحكامة الجيدة", "for Good Governance")]),
    ("demo-violence-against-women", "مناهضة العنف ضد المرأة", "Ending violence against women", 9,
     ("مناهضة العنف ضد النساء والفتيات", "combating violence against women and girls"),
     [("لمناهضة العنف ضد المرأة", "against Violence against Women")]),
    ("demo-reproductive-health", "الصحة الإنجابية", "Reproductive health", 3,
     ("الصحة الإنجابية وحق النساء في العلاج", "reproductive health and women's right to care"),
     [("للصحة الإنجابية", "for Reproductive Health")]),
    ("demo-peace-security", "المرأة والسلام والأمن", "Women, peace and security", 2,
     ("إشراك النساء في بناء السلام والأمن", "involving women in building peace and security"),
     [("للسلام والأمن", "for Peace and Security")]),
    ("demo-environment", "البيئة والتنمية المستدامة", "Environment and sustainable development", 2,
     ("حماية البيئة والتنمية المستدامة", "environmental protection and sustainable development"),
     [("للبيئة والتنمية المستدامة", "for the Environment and Sustainable Development")]),
    ("demo-culture", "الثقافة والإبداع", "Culture and creativity", 2,
     ("الإبداع النسائي في الثقافة والفنون", "women's creative work in culture and the arts"),
     [("للثقافة والإبداع", "for Culture and Creativity")]),
    ("demo-girls-education", "تعليم الفتيات", "Girls' education", 3,
     ("تمدرس الفتيات ومحاربة الهدر المدرسي", "girls' schooling and preventing school drop-out"),
     [("لتمدرس الفتيات", "for Girls' Schooling")]),
]

K = Organization.Kind
# Kinds of organization: (Arabic, with the article, grammatical gender, English, kind, weight when standalone)
KINDS = {
    "association": ("جمعية", "الجمعية", "f", "Association", K.ASSOCIATION, 40),
    "league": ("رابطة", "الرابطة", "f", "League", K.ASSOCIATION, 6),
    "organization": ("منظمة", "المنظمة", "f", "Organization", K.ORGANIZATION, 6),
    "foundation": ("مؤسسة", "المؤسسة", "f", "Foundation", K.ORGANIZATION, 5),
    "centre": ("مركز", "المركز", "m", "Centre", K.CENTRE, 8),
    "observatory": ("مرصد", "المرصد", "m", "Observatory", K.CENTRE, 4),
    "forum": ("منتدى", "المنتدى", "m", "Forum", K.ORGANIZATION, 5),
    "platform": ("ملتقى", "الملتقى", "m", "Platform", K.INITIATIVE, 3),
    "initiative": ("مبادرة", "المبادرة", "f", "Initiative", K.INITIATIVE, 6),
    "network": ("شبكة", "الشبكة", "f", "Network", K.NETWORK, 3),
    "union": ("اتحاد", "الاتحاد", "m", "Union", K.NETWORK, 0),
    "coalition": ("ائتلاف", "الائتلاف", "m", "Coalition", K.COALITION, 0),
    "coordination": ("تنسيقية", "التنسيقية", "f", "Coordination", K.COALITION, 0),
}
STANDALONE_KINDS = [key for key, value in KINDS.items() if value[5]]
# Who an organization gathers: (Arabic, with the article; English)
GROUPS = [
    ("النساء", "Women"), ("المرأة", "Women"), ("المرأة الريفية", "Rural Women"),
    ("النساء الديمقراطيات", "Democratic Women"),
    ("المدافعات عن حقوق الإنسان", "Women Human Rights Defenders"),
    ("النساء المقاولات", "Women Entrepreneurs"), ("الشابات", "Young Women"), ("الفتيات", "Girls"),
    ("الأمهات", "Mothers"), ("القاضيات", "Women Judges"), ("المحاميات", "Women Lawyers"),
    ("الإعلاميات", "Women Journalists"), ("النساء ذوات الإعاقة", "Women with Disabilities"),
    ("النساء المهاجرات", "Migrant Women"), ("النساء العاملات", "Working Women"),
    ("الطالبات", "Women Students"),
    ("النساء الأمازيغيات", "Amazigh Women"), ("النساء الليبراليات", "Liberal Women"),
    ("الأرامل والمطلقات", "Widowed and Divorced Women"), ("البرلمانيات", "Women Parliamentarians"),
    ("المنتخبات المحليات", "Local Women Councillors"), ("الحرفيات", "Women Artisans"),
    ("الطبيبات", "Women Doctors"), ("المهندسات", "Women Engineers"), ("الكاتبات", "Women Writers"),
]
PROPER_NAMES = [
    ("أمل", "Amal"), ("آفاق", "Afaq"), ("إشراق", "Ishraq"), ("نور", "Nour"), ("رؤى", "Roua"),
    ("بسمة", "Basma"), ("الياسمين", "Yasmine"), ("الزيتونة", "Zitouna"), ("تضامن", "Tadamon"),
    ("إنصاف", "Insaf"), ("كرامة", "Karama"), ("غد", "Ghad"), ("سنابل", "Sanabel"), ("ينابيع", "Yanabi"),
    ("الفجر", "Al Fajr"), ("نجمة", "Najma"), ("الأمان", "Al Aman"), ("مساواة", "Musawa"), ("إيثار", "Ithar"),
    ("هدى", "Houda"), ("سلمى", "Salma"), ("النخلة", "Nakhla"), ("الوفاء", "Al Wafaa"), ("ضياء", "Diyaa"),
    ("مرايا", "Maraya"), ("شمس", "Chams"), ("أجيال", "Ajyal"), ("إبداع", "Ibdaa"), ("رائدات", "Raidat"),
    ("منارة", "Manara"),
]
PARTY_NOUNS = [
    ("الغد", "Tomorrow"), ("التجديد", "Renewal"), ("الأمل", "Hope"), ("النهضة", "Renaissance"),
    ("الوحدة", "Unity"), ("الكرامة", "Dignity"), ("المستقبل", "Future"), ("الحرية", "Freedom"),
    ("العدالة", "Justice"), ("التقدم", "Progress"),
]
PARTY_ADJECTIVES = [
    ("الديمقراطي", "Democratic"), ("الاجتماعي", "Social"), ("الوطني", "National"), ("الليبرالي", "Liberal"),
    ("الشعبي", "Popular"), ("الأخضر", "Green"),
]
# Invented partners, created once when there is room: what "supported by" and "has consultative status
# with" point at. (slug, Arabic, English, kind)
PARTNERS = [
    ("demo-regional-fund", "الصندوق الإقليمي لدعم مبادرات النساء", "Regional Fund for Women's Initiatives",
     K.ORGANIZATION),
    ("demo-advisory-council", "المجلس الاستشاري الإقليمي للمجتمع المدني",
     "Regional Advisory Council for Civil Society", K.INTERGOVERNMENTAL_BODY),
    ("demo-mediterranean-foundation", "المؤسسة المتوسطية للتنمية", "Mediterranean Development Foundation",
     K.ORGANIZATION),
]

FIRST_NAMES = [
    ("فاطمة", "Fatima"), ("خديجة", "Khadija"), ("عائشة", "Aicha"), ("زينب", "Zineb"), ("مريم", "Meryem"),
    ("نادية", "Nadia"), ("سعاد", "Souad"), ("لبنى", "Loubna"), ("رحمة", "Rahma"), ("حورية", "Houria"),
    ("نزهة", "Nezha"), ("أمينة", "Amina"), ("إلهام", "Ilham"), ("ابتسام", "Ibtissam"), ("منى", "Mona"),
    ("يسرى", "Yousra"), ("بشرى", "Bouchra"), ("ليلى", "Leila"), ("هدى", "Houda"), ("سلمى", "Salma"),
    ("نجوى", "Najwa"), ("فدوى", "Fadwa"), ("رجاء", "Rajae"), ("وفاء", "Wafae"), ("سناء", "Sanaa"),
    ("هناء", "Hanae"), ("أسماء", "Asmae"), ("إيمان", "Imane"), ("آمال", "Amal"), ("سميرة", "Samira"),
    ("نوال", "Naoual"), ("كريمة", "Karima"), ("حنان", "Hanane"), ("سلوى", "Salwa"), ("رشيدة", "Rachida"),
    ("مليكة", "Malika"), ("نعيمة", "Naima"), ("زهرة", "Zahra"), ("سهام", "Siham"), ("غادة", "Ghada"),
    ("رانيا", "Rania"), ("دعاء", "Doaa"), ("آية", "Aya"), ("رؤى", "Roua"), ("هبة", "Heba"),
    ("لمياء", "Lamia"), ("ضحى", "Doha"), ("عبلة", "Abla"), ("جميلة", "Jamila"), ("شيماء", "Chaimae"),
    ("مروة", "Marwa"), ("نور", "Nour"), ("ريم", "Rim"), ("سارة", "Sara"), ("ياسمين", "Yasmine"),
    ("تسنيم", "Tasnim"), ("إسراء", "Israa"), ("هاجر", "Hajar"), ("سكينة", "Sakina"), ("عفاف", "Afaf"),
]
FAMILY_NAMES_MAGHREB = [
    ("العلوي", "El Alaoui"), ("الإدريسي", "El Idrissi"), ("بنعلي", "Benali"), ("بن يوسف", "Ben Youssef"),
    ("المرابط", "El Mrabet"), ("التازي", "Tazi"), ("الفاسي", "El Fassi"), ("بنجلون", "Benjelloun"),
    ("الشرقاوي", "Cherkaoui"), ("القاسمي", "El Kacimi"), ("الطرابلسي", "Trabelsi"), ("بن عمار", "Ben Ammar"),
    ("الحمامي", "Hammami"), ("بوزيد", "Bouzid"), ("بن سالم", "Ben Salem"), ("المهدي", "El Mahdi"),
    ("الورفلي", "Warfalli"), ("الزاوي", "Zaoui"), ("الهاشمي", "Hachemi"), ("الصغير", "Seghir"),
    ("الطيبي", "Taibi"), ("الداودي", "Daoudi"), ("أمحير", "Amhir"), ("الإبراهيمي", "Brahimi"),
    ("آيت أحمد", "Ait Ahmed"), ("أوعلي", "Ouali"), ("أمزيان", "Amziane"), ("بوعزة", "Bouazza"),
    ("عيسى", "Issa"), ("موسى", "Moussa"), ("يحيى", "Yahia"), ("مرتضى", "Mourtada"),
    ("ولد محمد", "Ould Mohamed"),
]
FAMILY_NAMES_MASHRIQ = [
    ("مصطفى", "Moustafa"), ("عبد الله", "Abdallah"), ("الحسيني", "Al Husseini"), ("الشامي", "Al Shami"),
    ("النجار", "Al Najjar"), ("حداد", "Haddad"), ("خليل", "Khalil"), ("العمري", "Al Omari"),
    ("الزهراني", "Al Zahrani"), ("المصري", "El Masry"), ("السيد", "El Sayed"), ("عثمان", "Osman"),
    ("الأنصاري", "Al Ansari"), ("الأمين", "Al Amin"), ("البرغوثي", "Barghouti"), ("عيسى", "Issa"),
    ("موسى", "Moussa"), ("يحيى", "Yahya"), ("الساعدي", "Al Saadi"), ("الأحمد", "Al Ahmad"),
    ("إبراهيم", "Ibrahim"), ("الكبيسي", "Al Kubaisi"), ("الرفاعي", "Al Rifai"), ("أبو زيد", "Abu Zeid"),
]
PERSON_DESCRIPTIONS = [
    ("ناشطة حقوقية", "Human rights activist"), ("أستاذة جامعية", "University lecturer"), ("محامية", "Lawyer"),
    ("صحفية", "Journalist"), ("طبيبة", "Doctor"), ("مستشارة جماعية", "Municipal councillor"),
    ("فاعلة جمعوية", "Civil-society activist"),
]

VISIONS = [
    ("مجتمع تتمتع فيه النساء والفتيات بكامل حقوقهن على قدم المساواة.",
     "A society in which women and girls fully enjoy their rights on an equal footing."),
    ("منطقة خالية من العنف والتمييز ضد النساء.",
     "A region free of violence and discrimination against women."),
    ("نساء فاعلات في التنمية وفي صنع القرار على كل المستويات.",
     "Women who shape development and decisions at every level."),
    ("مواطنة كاملة للنساء في دولة الحق والقانون.", "Full citizenship for women under the rule of law."),
    ("جيل جديد من القياديات الشابات.", "A new generation of young women leaders."),
]
SLOGANS = [
    ("معاً من أجل المساواة", "Together for equality"), ("لا تنمية بدون نساء", "No development without women"),
    ("صوتها حقها", "Her voice, her right"), ("نساء قادرات، مجتمع قوي", "Capable women, a strong society"),
    ("المناصفة الآن", "Parity now"),
    ("كرامة المرأة من كرامة الوطن", "A woman's dignity is the nation's dignity"),
]
GOALS = {
    Goal.Kind.GENERAL_OBJECTIVE: [
        ("الدفاع عن حقوق المرأة والنهوض بها وحمايتها", "To defend, promote and protect women's rights"),
        ("رفع وعي النساء بحقوقهن ومسؤوليتهن السياسية",
         "To raise women's awareness of their rights and political responsibility"),
        ("توسيع مشاركة النساء في صياغة السياسات العمومية على المستوى المحلي والوطني",
         "To widen women's part in shaping public policy at local and national level"),
        ("مناهضة جميع أشكال العنف والتمييز ضد النساء والفتيات",
         "To combat every form of violence and discrimination against women and girls"),
        ("تشجيع المقاولة النسائية ودعم التمكين الاقتصادي للمرأة",
         "To encourage women's entrepreneurship and support women's economic empowerment"),
        ("محو الأمية في صفوف النساء القرويات وتعليم الفتيات",
         "To end illiteracy among rural women and educate girls"),
        ("تقديم الاستشارة والمساعدة القانونية للنساء ضحايا العنف",
         "To give legal counselling and aid to women victims of violence"),
        ("المساهمة في ملاءمة التشريع الوطني مع الاتفاقيات الدولية لحقوق الإنسان",
         "To help bring national law into line with the international human-rights conventions"),
        ("تعزيز تمثيلية النساء في المجالس المنتخبة ومراكز القرار",
         "To strengthen women's representation in elected councils and decision-making"),
        ("تقوية قدرات الجمعيات النسائية في مجال التدبير والتواصل",
         "To build the capacity of women's associations in management and communication"),
        ("إنشاء ودعم مراكز الأبحاث والدراسات في مجال حقوق المرأة",
         "To create and support research centres on women's rights"),
        ("تعزيز العلاقات وتبادل المعلومات بين الجمعيات النسائية في المنطقة",
         "To strengthen ties and the exchange of information among women's associations in the region"),
        ("النهوض بالصحة الإنجابية وحق النساء في الولوج إلى الخدمات الصحية",
         "To promote reproductive health and women's access to health services"),
        ("إدماج مقاربة النوع في برامج التنمية المحلية",
         "To mainstream gender in local development programmes"),
        ("حماية البيئة وإشراك النساء في التنمية المستدامة",
         "To protect the environment and involve women in sustainable development"),
        ("مواكبة النساء السجينات وإعادة إدماجهن في المجتمع",
         "To support women prisoners and their return to society"),
        ("نشر ثقافة المساواة والمواطنة وقيم التسامح",
         "To spread a culture of equality, citizenship and tolerance"),
        ("ترسيخ الديمقراطية التشاركية وإشراك النساء في الحكامة المحلية",
         "To root participatory democracy and involve women in local governance"),
        ("دعم النساء في وضعية هشاشة والنساء ذوات الإعاقة",
         "To support women in vulnerable situations and women with disabilities"),
        ("الترافع من أجل المناصفة في الولوج إلى مواقع المسؤولية",
         "To advocate parity in access to positions of responsibility"),
        ("دعم مشاركة الشابات في الحياة العامة", "To support young women's participation in public life"),
        ("رصد وتوثيق الانتهاكات التي تتعرض لها النساء",
         "To monitor and document violations suffered by women"),
        ("التعريف بالإبداع النسائي في مجالات الثقافة والفنون",
         "To make women's work in culture and the arts known"),
        ("إرساء السلام والأمن بمشاركة فعلية للنساء",
         "To build peace and security with women's full participation"),
    ],
    Goal.Kind.MEANS: [
        ("تنظيم ندوات وأيام دراسية", "Organizing seminars and study days"),
        ("إصدار مجلة ونشرات توعوية", "Publishing a magazine and awareness leaflets"),
        ("عقد شراكات مع الجمعيات الوطنية والدولية",
         "Partnerships with national and international associations"),
        ("إنجاز دراسات ميدانية", "Field studies"),
        ("تنظيم دورات تكوينية لفائدة العضوات", "Training courses for the members"),
        ("إحداث مراكز للاستماع والإرشاد القانوني", "Listening and legal guidance centres"),
        ("الترافع لدى المؤسسات المنتخبة", "Advocacy with elected institutions"),
        ("استعمال وسائل التواصل الاجتماعي", "Social media"),
    ],
    Goal.Kind.TASK: [
        ("إعداد التقرير السنوي", "Preparing the annual report"),
        ("تنسيق عمل الفروع", "Coordinating the branches' work"),
        ("تتبع تنفيذ البرنامج السنوي", "Following up the annual programme"),
        ("تدبير مالية الشبكة", "Managing the network's finances"),
        ("التواصل مع وسائل الإعلام", "Dealing with the media"),
    ],
    Goal.Kind.SOURCE_OF_STRENGTH: [
        ("التنوع الجغرافي للعضوات", "The members' geographical diversity"),
        ("خبرة العضوات في العمل الجمعوي", "The members' experience of civil-society work"),
        ("الاستقلالية عن الأحزاب السياسية", "Independence from political parties"),
        ("شبكة واسعة من الشركاء", "A wide network of partners"),
    ],
    Goal.Kind.ACTIVITY: [
        ("قافلة تحسيسية في المناطق القروية", "An awareness caravan in rural areas"),
        ("حملة الستة عشر يوما لمناهضة العنف ضد النساء",
         "The sixteen-day campaign against violence against women"),
        ("الاحتفال باليوم العالمي للمرأة في 8 مارس", "Celebrating International Women's Day on 8 March"),
        ("دورة تكوينية حول القيادة النسائية", "A training course on women's leadership"),
        ("لقاء تواصلي مع المنتخبات", "A meeting with women councillors"),
        ("معرض لمنتوجات التعاونيات النسائية", "An exhibition of women's cooperatives' products"),
        ("ورشة حول التربية على المواطنة", "A workshop on citizenship education"),
        ("مائدة مستديرة حول مدونة الأسرة", "A round table on the family code"),
    ],
}
GOALS[Goal.Kind.SPECIFIC_OBJECTIVE] = GOALS[Goal.Kind.GENERAL_OBJECTIVE]
VENUES = [
    ("دار الشباب", "the youth centre"), ("قاعة البلدية", "the town hall"),
    ("مقر الجمعية", "the association's premises"), ("المركب الثقافي", "the cultural centre"),
    ("دار المرأة", "the women's centre"),
]
SAMPLE_UNITS = [("امرأة", "women"), ("جمعية", "associations"), ("أسرة", "households"), ("فتاة", "girls")]
MEETINGS = [
    (Event.Kind.PREPARATORY_MEETING, "اجتماع تحضيري", "Preparatory meeting of the"),
    (Event.Kind.COMMUNICATION_MEETING, "لقاء تواصلي", "Communication meeting of the"),
    (Event.Kind.MEETING, "الاجتماع السنوي", "Annual meeting of the"),
]
# Spellings people really type, which the search folds (see search.normalize): some names use them.
SPELLING_VARIANTS = [("أ", "ا"), ("إ", "ا"), ("ى ", "ي "), ("الائتلاف", "الإئتلاف"), ("ة ", "ه ")]
PRECISIONS = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR, DatePrecision.UNKNOWN]
PRECISION_WEIGHTS = [30, 20, 30, 20]

# fmt: on
