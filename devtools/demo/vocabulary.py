"""The demo data's vocabulary: the demo source's passages, kinds of organization, names and the texts that
goals, visions and slogans are built from, in Arabic and English (places and causes are in `gazetteer.py`).
Data only; the generator's modules combine it."""

from networks.models import DatePrecision, Event, Goal, Organization

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
