"""Articles a user might bring, in several outlets' styles, and hostile inputs (shared by the ingest tests)."""
from __future__ import annotations

REUTERS = """Fed holds rates steady, signals two cuts later this year
18 Sep 2025
WASHINGTON, Sept 18 (Reuters) - The Federal Reserve held interest rates steady on Wednesday but signalled it still expects to cut borrowing costs twice by the end of the year, as inflation cools and the labour market softens.
"We are not in a hurry to adjust our policy stance," Fed Chair Jerome Powell told reporters after the two-day meeting. The central bank kept its benchmark overnight rate in the 4.25%-4.50% range.
Treasury yields fell about 5 basis points after the decision, and U.S. stocks pared earlier losses.
Reporting by Ann Saphir; Editing by Andrea Ricci
"""

AP = """Wildfire forces thousands to flee homes in southern Oregon
July 30, 2025
GRANTS PASS, Ore. (AP) — A fast-moving wildfire tore through dry timber in southern Oregon on Tuesday, forcing more than 4,000 people to leave their homes and destroying at least 12 buildings, officials said.
“It jumped the river in about twenty minutes,” said Josephine County Sheriff Dave Daniel. “We had people leaving with whatever they could carry.”
The fire had burned about 18,000 acres by Tuesday evening and was 5% contained, according to the Oregon Department of Forestry.
"""

BLOOMBERG = """Toyota Raises Profit Forecast as Weak Yen Offsets US Tariffs
6 Nov 2025
Toyota Motor Corp. raised its full-year operating profit forecast to ¥3.4 trillion ($22 billion), saying a weaker yen and strong hybrid sales would more than offset the cost of US tariffs on imported cars.
The world’s largest carmaker had previously expected ¥3.2 trillion. Shares rose as much as 4.1% in Tokyo trading on Thursday.
“Demand for hybrids remains very strong in North America,” Chief Financial Officer Kenta Kon said at a briefing.
"""

BBC = """Heathrow third runway backed by government
29 January 2025
The government has backed a third runway at Heathrow airport, saying it would boost growth and create more than 100,000 jobs.
Chancellor Rachel Reeves said the project was "badly needed" and could be approved within this Parliament.
Campaigners warned that the expansion would increase noise for hundreds of thousands of people living under the flight path. Heathrow handled 83.9 million passengers last year.
"""

SCMP = """Hong Kong home prices slip for third month as mortgage rates stay high
Published: 12 Mar 2025
Hong Kong’s home prices fell 0.8 per cent in February, the third straight monthly decline, according to official data released on Wednesday.
“Buyers are waiting on the sidelines until borrowing costs come down,” said Derek Chan, head of research at Ricacorp Properties. Prices are now about 28 per cent below their 2021 peak.
The Rating and Valuation Department’s index stood at 290.2 points.
"""

GUARDIAN = """UK inflation unexpectedly rises to 3.6% as food prices climb
16 July 2025
UK inflation rose unexpectedly to 3.6% in June, the highest level in more than a year, driven by rising food, petrol and transport costs.
The Office for National Statistics said food prices had risen by 4.5% in the year to June. Economists had expected the rate to remain at 3.4%.
Darren Jones, the chief secretary to the Treasury, said: “I know families are still struggling with the cost of living.”
"""

ENGLISH = {"reuters": REUTERS, "ap": AP, "bloomberg": BLOOMBERG, "bbc": BBC, "scmp": SCMP, "guardian": GUARDIAN}

GERMAN = """Bundesregierung verlängert Förderung für Elektroautos
Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für Elektroautos zu verlängern. Wirtschaftsminister Robert Habeck sagte, dass die Industrie mehr Planungssicherheit brauche und die Kaufprämie bis Ende des Jahres gelten werde.
"""
FRENCH = """Le gouvernement augmente le budget de la défense
Le gouvernement a annoncé mercredi une hausse de 5 % du budget de la défense. « Nous devons être prêts », a déclaré le ministre des Armées devant les députés, qui ont voté le texte dans la nuit.
"""
SPANISH = """El Banco de España eleva su previsión de crecimiento
El Banco de España elevó el martes su previsión de crecimiento para este año al 2,4 %, gracias al empuje del turismo y del consumo de los hogares, según el informe trimestral publicado por la institución.
"""
CHINESE = "中国半导体行业协会副理事长魏少军表示，美国在先进芯片问题上的立场反复无常，令用户难以判断其真实战略意图。\n他说，中国坚持自主创新的决心不应动摇。\n"
RUSSIAN = "Центральный банк России повысил ключевую ставку до 21 процента, сообщила пресс-служба регулятора в пятницу.\n"

XSS = """Hackers deface city website with pop-up script
3 Feb 2025
LONDON (Reuters) - Attackers planted the code <img src=x onerror=alert(1)> and <script>alert('xss')</script> on a council website on Monday, officials said.
"We took the site offline within the hour," said council spokesperson Maria Lopez. The <b>bold</b> tag and a [link](javascript:alert(3)) were also found, along with $5 and $10 price tags.
"""
QUOTES_ONLY = "“” \"\" ‘’ '' «» „“ \"\"\"\n“”\n"
NUMBERS_ONLY = "1 2 3 4,5 6%\n2026-01-08 12.5 $40 €3\n"
