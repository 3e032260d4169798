"""Word tables and compiled patterns of the number grammar (English, Chinese, Arabic).

Every pattern here is compiled once at import. The scanner (numbers.scan) finds numeric cores
with the ``*_CORE_RE`` patterns and then reads the words around each core with the anchored
``PREFIX_RE`` (searched in a short window that ends at the core) and ``SUFFIX_*`` patterns
(matched at the end of the core).
"""

from __future__ import annotations

import re
import string

# --- digits ---------------------------------------------------------------------------------
# ASCII, Arabic-Indic (٠-٩), Persian (۰-۹) and full-width digits; Decimal() reads them all.
# Thousands groups use ",", "٬" or "،" (the Arabic comma only between digits).
# The pattern starts with one character class so that re skips non-digits quickly.
_D = "[0-9٠-٩۰-۹０-９]"
DIGIT_CORE_RE = re.compile(rf"{_D}(?:{_D}{{0,2}}(?:[,٬،]{_D}{{3}})+(?!{_D})|{_D}*)(?:[.٫]{_D}+)?")
THOUSANDS_SEPS = str.maketrans({",": "", "٬": "", "،": "", "٫": "."})

# --- scales ---------------------------------------------------------------------------------
SCALE_WORDS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "mm": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "بليون": 1e9, "تريليون": 1e12,
    "千": 1e3, "萬": 1e4, "万": 1e4, "十萬": 1e5, "十万": 1e5, "百萬": 1e6, "百万": 1e6,
    "千萬": 1e7, "千万": 1e7, "億": 1e8, "亿": 1e8, "十億": 1e9, "十亿": 1e9, "兆": 1e12,
}
# Attached to the digits: "$1.2bn", "$450k", "12,000K", "$5M", "$3MM".
SCALE_ATTACHED_RE = re.compile(r"(bn|mn|mm|MM|BN|[kKmMbB])(?![A-Za-z0-9])")
SCALE_SPACED_RE = re.compile(
    r"(?:[ \t\u00a0]*-?[ \t\u00a0]*)(thousand|million|billion|trillion|mln|bln|bn|mn|tn)\b"
    r"|\s*(ألف|آلاف|مليون|ملايين|مليارات|مليار|بليون|تريليون)"
    r"|[ \t\u00a0]*(多)?[ \t\u00a0]*(十萬|十万|百萬|百万|千萬|千万|十億|十亿|萬|万|億|亿|千|兆)",
    re.IGNORECASE,
)

# --- currencies -----------------------------------------------------------------------------
CURRENCY_SYMBOLS = {
    "$": "USD", "US$": "USD", "US $": "USD", "USD": "USD", "U.S.$": "USD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "HK$": "HKD", "HKD": "HKD", "NT$": "TWD", "TWD": "TWD", "S$": "SGD", "SGD": "SGD",
    "R$": "BRL", "BRL": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "₹": "INR", "INR": "INR", "CHF": "CHF", "CNY": "CNY",
    "RMB": "CNY", "￥": "CNY",
}
# The symbols first: the commonest, and no other alternative starts with one (nor they with
# a letter), so the order changes no match, only how soon re finds "$".
_CUR_BEFORE = (
    r"[$€£¥₹￥]|US\s?\$|U\.S\.\$|C\$|CA\$|A\$|AU\$|HK\$|NT\$|S\$|R\$"
    r"|(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|CAD|AUD|HKD|TWD|SGD|BRL)"
)
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
    "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "yen": "JPY", "jpy": "JPY",
    "rupees": "INR", "inr": "INR", "chf": "CHF", "francs": "CHF",
    "美元": "USD", "美金": "USD", "元": "CNY", "人民幣": "CNY", "人民币": "CNY", "歐元": "EUR",
    "欧元": "EUR", "英鎊": "GBP", "英镑": "GBP", "港元": "HKD", "港幣": "HKD", "港币": "HKD",
    "日元": "JPY", "日圓": "JPY", "新台幣": "TWD", "新台币": "TWD",
    "دولار": "USD", "يورو": "EUR", "جنيه": "GBP", "يوان": "CNY",
}
SUFFIX_CURRENCY_RE = re.compile(
    r"[ \t\u00a0]*-?[ \t\u00a0]*(?:U\.?S\.?\s+)?"
    r"(dollars?|USD|euros?|EUR|pounds?(?:\s+sterling)?|GBP|yuan|renminbi|RMB|CNY|yen|JPY"
    r"|rupees|INR|CHF|francs)\b"
    r"|[ \t\u00a0]*(美元|美金|人民幣|人民币|歐元|欧元|英鎊|英镑|港元|港幣|港币|日元|日圓"
    r"|新台幣|新台币|元)"
    r"|\s*(دولار(?:ًا|ا|ات)?(?:\s+أمريكي(?:ًا|ا|ة)?)?|يورو|جنيه(?:\s+إسترليني)?|يوان)",
    re.IGNORECASE,
)

# --- percent, basis points, other units -----------------------------------------------------
SUFFIX_PERCENT_RE = re.compile(
    r"\s*(?:[%٪％]|(?:percent|per\s?cent|pct)\b|percentage\s+points?\b|(?:في\s+ال|بال)مائة"
    r"|في\s+المئة|(?:個|个)?[ \t\u00a0]*(?:百分點|百分点))",
    re.IGNORECASE,
)
SUFFIX_BPS_RE = re.compile(
    r"[ \t\u00a0-]*(?:basis[ \t\u00a0-]+points?|bps|bips|bp)\b"
    r"|[ \t\u00a0]*(?:個|个)?[ \t\u00a0]*(?:基點|基点)|\s*نقطة\s+أساس",
    re.IGNORECASE,
)
# "every 5 points of utilization", "pricing added about 2 points": percentage points, but not
# "3 points I'd make" or "points of view".
SUFFIX_POINTS_RE = re.compile(
    r"[ \t\u00a0]+points?\b(?![ \t\u00a0]+(?:of[ \t\u00a0]+(?:view|sale|contact|presence|light"
    r"|interest|entry)|i\b|we\b|to[ \t\u00a0]+make|that\b|here\b|in[ \t\u00a0]+time))",
    re.IGNORECASE,
)
UNIT_WORDS = {
    "petabyte": "petabytes", "petabytes": "petabytes", "pb": "petabytes",
    "terabyte": "terabytes", "terabytes": "terabytes", "tb": "terabytes",
    "gigabyte": "gigabytes", "gigabytes": "gigabytes", "exabytes": "exabytes",
    "exabyte": "exabytes", "megawatts": "megawatts", "megawatt": "megawatts", "mw": "megawatts",
    "gigawatts": "gigawatts", "gigawatt": "gigawatts", "gw": "gigawatts", "hours": "hours",
    "minutes": "minutes",
    "小時": "hours", "小时": "hours", "分鐘": "minutes", "分钟": "minutes",
}
SUFFIX_UNIT_RE = re.compile(
    r"[ \t\u00a0-]*(petabytes?|terabytes?|gigabytes?|exabytes?|megawatts?|gigawatts?"
    r"|hours|minutes|PB|TB|MW|GW)\b|[ \t\u00a0]*(小時|小时|分鐘|分钟)",
    re.IGNORECASE,
)
# Units that only count as a quantity with a scale or a value of 1,000 or more ("300 萬小時",
# "1 billion minutes"); "24 hours" and "10 minutes" are durations, not metrics.
LARGE_ONLY_UNITS = frozenset({"hours", "minutes"})

# --- counts ---------------------------------------------------------------------------------
COUNT_NOUNS = (
    "customers|customer|seats|seat|users|user|deals|deal|employees|partners|partner|countries"
    "|logos|locations|carriers|agents|subscribers|accounts|wins|win|stores|store|shares|clients"
    "|members|developers|resellers|licenses|devices|transactions|calls|messages|orders|sites"
    "|enterprises|businesses|organizations|people|installations|integrations|products|product"
    "|solutions|units|branches|loans|patients|prescriptions|scripts|signatures|vendors"
    "|suppliers|distributors|VARs|retailers|restaurants|offices|markets|apps|applications"
    "|contracts|contract|shipments|vehicles|homes|hospitals|clinics|physicians|households"
    "|merchants|advertisers|projects|SKUs|titles|connections|endpoints|tenants|schools"
    "|students|cities|states|facilities|plants|warehouses|wells|rigs|routes|aircraft|trucks"
    "|vessels|workers|engineers|hires|persons|person|systems|platforms|pilots|opportunities"
    "|bookings|renewals|companies|brands|channels|lines|properties|beds|doses"
    "|procedures|trials|programs|sellers|buyers|visitors|downloads|lanes|miles|interactions"
    "|conversations|sessions|meetings|tickets|claims|policies|visits|impressions|migrations"
    "|mortgages|cards|payments|subscriptions|passengers|rooms|franchisees|dealers|members"
    "|cuts|hikes|releases|batches|launches|approvals|filings|starts"
)
# Words that may stand between a number and its counted noun ("22 upsell and cross-sell
# deals", "127 active channel partners", "13,000 voice for Microsoft Teams seats"): up to
# four, none of them a word that ends the noun phrase or starts a clause.
COUNT_STOP = (
    r"of|the|a|an|to|in|on|at|by|from|with|than|that|which|who|whom|we|our|they|their|it|its"
    r"|is|are|was|were|be|been|has|have|had|will|would|per|each|every|years?|months?"
    r"|quarters?|weeks?|days?|hours?|minutes?|percent|percentage|points?|basis|million|billion"
    r"|thousand|ago|over|under|times|as|this|these|those|such|so|but|if|when|while"
    r"|since|about|into|out|up|down|not|no|all|some|many|most|other|new\s+year"
)


def by_first_letter(alternation: str) -> str:
    """The alternatives of ``alternation`` (each led by a plain character, no regex syntax;
    case-sensitive patterns only) grouped under their first characters, in their order: re
    tries alternatives in turn, and now tests only one group's where the text holds its
    character. Exact: an alternative of another group cannot match there, and backtracking
    meets the rest in the same order."""
    groups: dict[str, list[str]] = {}
    for alt in alternation.split("|"):
        assert alt[:1] and alt[0] not in "\\.^$*+?{}[]()|", alt
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


def count_suffix(nouns: str, stop: str) -> re.Pattern[str]:
    """SUFFIX_COUNT_RE with the count nouns ``nouns`` and the stop words ``stop``."""
    # A seat or user count stops at its noun: "5,000-plus seat win" counts seats, not wins.
    mod = (rf"(?!(?:{stop}|seats?|users?|licenses)\b)"
           rf"(?!(?:{nouns})\b(?![ \t\u00a0-]+(?:{nouns})\b))"
           r"[A-Za-z][A-Za-z&'’.]*(?:-[A-Za-z]+)*")
    return re.compile(
        r"(?P<plus>[ \t\u00a0]*-?[ \t\u00a0]*(?:plus|\+))?"
        rf"(?:[ \t\u00a0-]+{mod}){{0,4}}"
        rf"[ \t\u00a0-]+(?P<noun>{nouns})\b"
        r"|[ \t\u00a0]*(?P<cn>家|個|个|名|位|股|種|种|款|項|项)(?![季月年日天週周])"
        r"|\s+(?P<ar>عميلًا|عملاء|عميل|مستخدمًا|مستخدمين|مستخدم|مقعدًا|مقاعد|مقعد|موظفًا|موظفين"
        r"|موظف|دولة|دول|شركاء|شريكًا|شريك|صفقات|صفقة|شركات|شركة|انتصارات|متاجر|متجر|فروع|فرع"
        r"|مرضى|مريض|شخصًا|شخص|منتجات|منتج|وكيل|وكلاء|موقعًا|مواقع|موقع)",
    )


# "45,000 business customers", "1,300 contact center seats", "5,000-plus seat", "250-seat".
# The nouns and stop words grouped by first letter: this runs after most numbers before a
# word, and a failed match tries them at each of up to four words (1.6-1.8x faster).
SUFFIX_COUNT_RE = count_suffix(by_first_letter(COUNT_NOUNS), by_first_letter(COUNT_STOP))
# Counted nouns that are not a business quantity ("1 person", "20 years"): proposed, but at
# low confidence only.
WEAK_COUNT_NOUNS = frozenset({"people", "persons", "person", "شخص", "شخصًا", "miles",
                              "lines", "calls", "messages", "titles", "programs"})
# "+" or "-plus" or "or more" after a number means "more than": approximate.
SUFFIX_APPROX_RE = re.compile(
    r"[ \t\u00a0]*(?:-plus\b|\+|or\s+more\b|or\s+so\b|-ish\b|以上|左右|تقريب(?:ًا|ا))"
)

# --- per ------------------------------------------------------------------------------------
_PER_NOUNS = (
    r"share|month|year|annum|seat|user|hour|day|week|quarter|customer|employee|license"
    r"|minute|unit|agent|subscriber|transaction|line|device|member"
)
SUFFIX_PER_RE = re.compile(
    r"[ \t\u00a0]*(?:(?:per|an?|each)[ \t\u00a0]+|/[ \t\u00a0]*)"
    r"(?:(?:diluted|basic|fully[ \t\u00a0-]+diluted|common|ordinary)[ \t\u00a0]+)?"
    rf"(?P<per>{_PER_NOUNS})s?\b(?![ \t\u00a0]+(?:ago|earlier|before|prior|from|back)\b)"
    r"|[ \t\u00a0]*(?:/|per)[ \t\u00a0]*(?P<abbr>mo|yr|hr)\b"
    r"|\s*(?P<ar>في\s+الشهر|شهريًا|للسهم|في\s+السنة)"
    r"|[ \t\u00a0]*(?P<cn>每股|每月|每年)",
    re.IGNORECASE,
)
PER_ABBREVIATIONS = {"mo": "month", "yr": "year", "hr": "hour", "annum": "year",
                     "في الشهر": "month", "شهريًا": "month", "للسهم": "share",
                     "في السنة": "year", "每股": "share", "每月": "month", "每年": "year"}

# --- growth-rate slips of speech recognition ("grew 18 year over year") -------------------
SUFFIX_GROWTH_RE = re.compile(
    r"[ \t\u00a0]+(?:year[ -]over[ -]year|year[ -]on[ -]year|y/y|yoy|sequentially"
    r"|quarter[ -]over[ -]quarter|q/q)\b",
    re.IGNORECASE,
)
GROWTH_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:increase[sd]?|grew|grow|growth|up|down|rose|declined?|decrease[sd]?|fell"
    r"|improved?|expanded?)(?:[ \t\u00a0]+(?:of|by|at|approximately|about|roughly|nearly))*"
    r"[ \t\u00a0]+\Z",
    re.IGNORECASE,
)

# --- words before the number --------------------------------------------------------------
_APPROX = (
    r"approximately|approx\.|about|around|roughly|nearly|almost|over|more\s+than|greater\s+than"
    r"|less\s+than|fewer\s+than|under|in\s+excess\s+of|upwards\s+of|north\s+of|close\s+to"
    r"|just\s+(?:over|under)|well\s+over|some|circa|ca\.|up\s+to|at\s+least|exceeding|exceeded"
)
# Each optional part of PREFIX_RE opens with a lookahead of the characters it can start with
# (case-insensitive): re then skips the part at once where it cannot start, rather than try
# each of its alternatives in turn (which IGNORECASE makes slow). It matches the same.
PREFIX_RE = re.compile(
    r"(?:(?=[acefgijlmnorsuw~≈約约大將将近超逾多حنقمأ])"
    r"(?:(?<![A-Za-z])(?P<approx>" + _APPROX + r")[ \t\u00a0]+"
    r"|(?P<approx_sym>[~≈])[ \t\u00a0]?"
    r"|(?P<approx_cn>約|约|大約|大约|將近|将近|近|超過|超过|逾|多於|多于)[ \t\u00a0]*"
    r"|(?P<approx_ar>حوالي|نحو|قرابة|ما\s+يقرب\s+من|أكثر\s+من|أقل\s+من)\s+))?"
    r"(?:(?=[-−mnسن負负])"
    r"(?:(?<![A-Za-z])(?P<sign_word>minus|negative)[ \t\u00a0]+"
    r"|(?P<sign_ar>سالب|ناقص)\s+|(?P<sign_cn>負|负)[ \t\u00a0]*"
    r"|(?<![\w%٪)\]])(?P<sign>[-−])))?"
    r"(?:(?=[(abceghijnrstu$€£¥₹￥])"
    r"(?P<paren0>\()?(?P<cur>" + _CUR_BEFORE + r")[ \t\u00a0]?(?P<sign2>[-−])?)?"
    r"(?P<paren>\()?"
    r"\Z",
    re.IGNORECASE,
)
PREFIX_WINDOW = 40
# The last word of every prefix above that ends with a space, and the last characters of the
# others: a number after any other word has no prefix (a shortcut, see numbers.prefix).
_PREFIX_LAST_WORDS = (
    "approximately approx. about around roughly nearly almost over than under of to some"
    " circa ca. least exceeding exceeded minus negative usd eur gbp jpy cny rmb inr chf cad aud"
    " hkd twd sgd brl us$ u.s.$ c$ ca$ a$ au$ hk$ nt$ s$ r$ حوالي نحو قرابة من سالب ناقص"
)
PREFIX_LAST_WORDS = frozenset(_PREFIX_LAST_WORDS.split())
# Last words that end a prefix only after the word before them ("in excess of", "more than").
PREFIX_PHRASE_ENDS = {"of": ("excess", "upwards", "north"), "to": ("close", "up"),
                      "than": ("more", "greater", "less", "fewer"), "least": ("at",)}
# How the text before a space that PREFIX_RE matches may end (lower-cased, ASCII): a word of
# _APPROX ("more" of "more than"), a sign word, "us" of "US $", a currency ("$ 5", "USD 5"),
# "~", or another blank. Non-ASCII text (Chinese, Arabic, "≈", "€") is not checked. A prefix
# never spans a space after any other word (see numbers.prefix.match_before).
_PREFIX_SPACE_ENDS = (
    "approximately approx. about around roughly nearly almost over more greater less fewer"
    " than under in excess of upwards north close to just well some circa ca. up at least"
    " exceeding exceeded minus negative us $ usd eur gbp jpy cny rmb inr chf cad aud hkd twd"
    " sgd brl ~ \t \n \r \x0b \x0c \x1c \x1d \x1e \x1f"
)
PREFIX_SPACE_ENDS = tuple(_PREFIX_SPACE_ENDS.split(" "))
PREFIX_END_CHARS = frozenset("$€£¥₹￥~≈(-−約约近過过逾於于負负")

# --- context that makes a number something other than a quantity --------------------------
MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# Hard rules reject a number whatever follows it: "8x8", "9:00", "12/31", "'26", "3.1.2".
HARD_BEFORE_RE = re.compile(r"(?:\d[ \t\u00a0]*[x×:/][ \t\u00a0]*|['’‘#]|\d[.٫]|[A-Za-z]-)\Z")
HARD_AFTER_RE = re.compile(r"[ \t\u00a0]*[x×][ \t\u00a0]*\d|[:/]\d|[.٫]\d")
# Soft rules reject a number that has no currency, percent, bps, scale or unit of its own:
# "May 12", "fiscal 2021", "FY 21", "Q4 2020", "version 3.1", "star 1", "top 10 deals",
# "第 3 季", "a five-year deal", "a seven-figure win", "2022 年 9 月", "[12]".
SOFT_BEFORE_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?:{MONTHS})\.?,?[ \t\u00a0]+"
    r"|(?<![A-Za-z])(?:fiscal(?:[ \t\u00a0]+year)?|FY|CY|FQ|Q[1-4]|H[12]|version|release"
    r"|star|press|top|page|item|no\.|number|form|chapter|section|slide|rule|article|step"
    r"|phase|tier|level|gen|generation|fortune|forbes|russell|ftse|s&p)[ \t\u00a0]*"
    r"|第[ \t\u00a0]*|\[)\Z",
    re.IGNORECASE,
)
# The ASCII words that SOFT_BEFORE_RE can end with, lower-cased ("year" of "fiscal year", "p"
# of "s&p"): a number after any other word ("revenue of 12") has no soft context.
_SOFT_LAST_WORDS = (
    "fiscal year fy cy fq version release star press top page item number form chapter"
    " section slide rule article step phase tier level gen generation fortune forbes russell"
    " ftse p"
)
SOFT_BEFORE_LAST_WORDS = frozenset(MONTHS.lower().split("|") + _SOFT_LAST_WORDS.split())
SOFT_AFTER_RE = re.compile(
    rf"[ \t\u00a0]*(?:(?:{MONTHS})\b|\]"
    r"|-(?:figure|year|month|day|week|quarter|odd|fold|point|times?|digit)s?\b)"
    r"|[ \t\u00a0]*(?:財年|财年|年|月|日|號|号|季度|季|個季度|个季度|個月|个月"
    r"|週|周|天|倍|次|歲|岁)",
    re.IGNORECASE,
)
EPS_CONTEXT_RE = re.compile(
    r"\b(?:EPS|earnings\s+per\s+share|(?:net\s+)?(?:loss|income)\s+per\s+(?:diluted\s+)?share"
    r"|per\s+share)\b",
    re.IGNORECASE,
)

# --- ranges ---------------------------------------------------------------------------------
RANGE_SEP_RE = re.compile(
    r"[ \t\u00a0]*(?:-|–|—|~|～|to|through|thru|至|到|－|إلى|الى)[ \t\u00a0]*"
    r"|[ \t\u00a0]*-[ \t\u00a0]*",
    re.IGNORECASE,
)
BETWEEN_SEP_RE = re.compile(r"\s*(?:and|و|&|to|-|–|—|至|到|和|與|与)\s*", re.IGNORECASE)
BETWEEN_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z])between|بين|介於|介于|在)[ \t\u00a0]+(?:" + _APPROX + r")?[ \t\u00a0]*\Z",
    re.IGNORECASE,
)
BY_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])by[ \t\u00a0]+(?:" + _APPROX + r")?[ \t\u00a0]*\Z", re.IGNORECASE)
FROM_BEFORE_RE = re.compile(
    r"(?<!range )(?<![A-Za-z])(?:from)[ \t\u00a0]+(?:" + _APPROX + r")?[ \t\u00a0]*\Z",
    re.IGNORECASE,
)

# --- scripts --------------------------------------------------------------------------------
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
ASCII_LETTER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")

# --- how each suffix can start ------------------------------------------------------------
# The ASCII characters that the SUFFIX_* patterns and SCALE_SPACED_RE cannot start with
# once the blanks (" ", tab, nbsp) at a position are skipped: every character but the first
# ones of their words and signs, whitespace ("\\s" before Arabic) and non-ASCII characters.
# numbers.scan does not try a pattern before one of these ("%", ",", "in", "of"…); keep
# them in step with the patterns above.
def _cannot_start(starts: str) -> frozenset[str]:
    may = starts + string.whitespace + "\x1c\x1d\x1e\x1f"
    return frozenset(map(chr, range(128))) - frozenset(may)


NOT_SCALE_SPACED = _cannot_start("-tTmMbB")  # "- million", "bn"
NOT_CURRENCY = _cannot_start("-UuDdEePpGgYyRrCcJjIiFf")  # "U.S. dollars", "yen", "CHF"…
NOT_PERCENT = _cannot_start("%Pp")
NOT_BPS = _cannot_start("-Bb")
NOT_POINTS = _cannot_start("Pp")
NOT_UNIT = _cannot_start("-PpTtGgEeMmHh")  # petabytes, TB, gigawatts, exabytes, MW, hours
NOT_COUNT = _cannot_start("-+" + string.ascii_letters)  # "-plus", "+", any word
NOT_APPROX = _cannot_start("-+o")  # "-plus", "+", "or more", "-ish"
NOT_PER = _cannot_start("/PpAaEe")  # "/mo", "per", "a", "each"
