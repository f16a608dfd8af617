#!/usr/bin/env python3
"""Generate data/service-performance.ttl: the DDPS monthly service-performance cube.

    python3 data/generate.py            # writes data/service-performance.ttl
    python3 data/generate.py -o FILE    # writes FILE instead ("-" for stdout)

The committed .ttl is the artefact Cairn loads; this script documents how it
was made and reproduces it byte for byte. It uses the standard library only.

Determinism: the figures come from random.Random(SEED) (Mersenne Twister,
identical on every platform) and plain +, -, *, / on floats, which IEEE 754
rounds identically everywhere. No libm functions (exp, sin, pow, gauss) are
used, so no platform-dependent last-bit differences can change a rounded value.

Model, per service and month t = 0..23 (2024-01..2025-12):
  transactions   = base * (1 + growth * t/12) * season[month] * (1 + 0.03 * noise)
  digital take-up eases (smoothstep) from take_up[0] to take_up[1]
  cost/txn (GBP) = fixed/transactions + digital*take-up + offline*(1 - take-up),
                   with unit costs inflating 3% a year
  completion and satisfaction drift linearly and dip slightly in busy months
Noise is AR(1)-smoothed, so figures vary smoothly from month to month.

All figures are FICTIONAL.
"""

import argparse
import os
import random
import sys

SEED = 20240101
MONTHS = [(y, m) for y in (2024, 2025) for m in range(1, 13)]

MONTH_EN = ["January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"]
MONTH_CY = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
            "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"]

# slug: (base monthly volume, annual growth, seasonal profile Jan..Dec,
#        fixed monthly cost GBP, digital unit cost, offline unit cost,
#        take-up (start, end), completion (start, end), satisfaction (start, end))
SERVICES = {
    "apply-fishing-licence": (
        95000, 0.02, [0.35, 0.40, 0.85, 1.35, 1.55, 1.60, 1.55, 1.40, 1.00, 0.70, 0.45, 0.80],
        40000, 0.90, 6.50, (0.915, 0.948), (0.912, 0.931), (0.874, 0.889)),
    "apply-street-trading-licence": (
        3200, 0.05, [0.80, 0.85, 1.10, 1.25, 1.20, 1.10, 1.00, 0.95, 1.05, 1.00, 0.90, 0.80],
        9000, 6.00, 28.00, (0.712, 0.826), (0.781, 0.823), (0.742, 0.786)),
    "claim-carers-support-payment": (
        21000, 0.06, [1.05, 1.00, 1.05, 1.00, 0.98, 0.97, 0.95, 0.95, 1.02, 1.03, 1.02, 0.98],
        60000, 9.00, 38.00, (0.664, 0.741), (0.703, 0.745), (0.781, 0.812)),
    "apply-winter-fuel-support": (
        60000, -0.08, [1.30, 0.50, 0.25, 0.12, 0.08, 0.08, 0.10, 0.20, 1.00, 2.90, 3.30, 2.20],
        45000, 2.20, 11.00, (0.523, 0.618), (0.842, 0.868), (0.803, 0.826)),
    "report-change-of-circumstances": (
        140000, 0.03, [1.15, 0.95, 1.00, 1.25, 1.05, 0.95, 0.90, 0.90, 0.95, 1.00, 0.98, 0.92],
        80000, 3.10, 17.00, (0.584, 0.672), (0.826, 0.854), (0.752, 0.781)),
    "file-micro-business-tax-return": (
        55000, 0.04, [3.60, 0.45, 0.50, 0.70, 0.60, 0.55, 0.55, 0.50, 0.60, 1.30, 1.50, 2.20],
        70000, 1.80, 24.00, (0.872, 0.903), (0.885, 0.897), (0.721, 0.748)),
    "claim-tax-relief-job-expenses": (
        38000, 0.10, [0.80, 0.80, 0.85, 1.50, 1.60, 1.35, 1.10, 0.95, 0.90, 0.85, 0.70, 0.60],
        30000, 1.20, 9.00, (0.894, 0.931), (0.901, 0.922), (0.842, 0.861)),
    "renew-blue-badge": (
        47000, 0.03, [0.95, 0.95, 1.05, 1.00, 1.05, 1.00, 1.00, 1.00, 1.00, 1.05, 1.00, 0.90],
        35000, 4.50, 16.00, (0.743, 0.815), (0.864, 0.887), (0.861, 0.884)),
    "apply-older-persons-bus-pass": (
        18000, 0.05, [0.90, 0.95, 1.00, 1.00, 1.05, 1.05, 1.00, 0.95, 1.15, 1.05, 0.95, 0.80],
        15000, 3.80, 14.00, (0.603, 0.694), (0.874, 0.892), (0.833, 0.857)),
    "book-driving-theory-test": (
        165000, 0.04, [1.10, 1.00, 1.00, 0.95, 0.95, 1.05, 1.20, 1.20, 0.95, 0.90, 0.85, 0.70],
        50000, 0.45, 4.80, (0.968, 0.981), (0.934, 0.948), (0.891, 0.903)),
}

# measure local name: (unit local name in QUDT, decimal places or None for integer)
MEASURES = [
    ("transactions", "NUM", None),
    ("costPerTransaction", "CCY_GBP", 2),
    ("completionRate", "FRACTION", 3),
    ("userSatisfaction", "FRACTION", 3),
    ("digitalTakeUp", "FRACTION", 3),
]

# The single observation that carries extra, deliberately non-trivial literals
# (a language-tagged comment with a region subtag and a dateTime with a UTC
# offset) so that stores and serialisers are exercised. Everything else is clean.
REVISED = ("report-change-of-circumstances", (2025, 2), "transactions")
REVISED_COMMENT = ("Revised figure: the originally published value double-counted "
                   "submissions retried during the service incident of 11 February 2025.")
REVISED_MODIFIED = "2025-03-30T01:30:00+01:00"


def decimal_literal(x, places):
    """XSD 1.0 canonical decimal: no trailing zeros, but always a digit after '.'."""
    s = "%.*f" % (places, x)
    s = s.rstrip("0")
    if s.endswith("."):
        s += "0"
    if s in ("-0.0",):
        s = "0.0"
    return s


class Smooth:
    """AR(1)-smoothed noise in roughly [-1, 1], from the shared generator."""

    def __init__(self, rng):
        self.rng = rng
        self.state = 0.0

    def next(self):
        u = (self.rng.random() + self.rng.random() + self.rng.random() - 1.5) / 1.5
        self.state = 0.6 * self.state + 0.4 * u
        return self.state


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def figures():
    """Yield (slug, (year, month), {measure: literal}) in file order."""
    rng = random.Random(SEED)
    n = len(MONTHS)
    for slug, (base, growth, season, fixed, digital, offline,
               take_up, completion, satisfaction) in SERVICES.items():
        vol_noise, tu_noise, comp_noise, sat_noise = (Smooth(rng) for _ in range(4))
        mean_season = sum(season) / 12.0
        for t, (year, month) in enumerate(MONTHS):
            u = t / (n - 1)
            s = season[month - 1] / mean_season
            busy = s - 1.0 if s > 1.0 else 0.0

            tx = base * (1.0 + growth * t / 12.0) * s * (1.0 + 0.03 * vol_noise.next())
            tx = int(tx + 0.5)

            ease = u * u * (3.0 - 2.0 * u)
            tu = take_up[0] + (take_up[1] - take_up[0]) * ease + 0.004 * tu_noise.next()
            tu = clamp(tu, 0.0, 1.0)

            inflation = 1.0 + 0.03 * t / 12.0
            cost = fixed / tx + inflation * (digital * tu + offline * (1.0 - tu))

            comp = (completion[0] + (completion[1] - completion[0]) * u
                    - 0.015 * busy + 0.006 * comp_noise.next())
            sat = (satisfaction[0] + (satisfaction[1] - satisfaction[0]) * u
                   - 0.02 * busy + 0.008 * sat_noise.next())

            yield slug, (year, month), {
                "transactions": str(tx),
                "costPerTransaction": decimal_literal(cost, 2),
                "completionRate": decimal_literal(clamp(comp, 0.0, 1.0), 3),
                "userSatisfaction": decimal_literal(clamp(sat, 0.0, 1.0), 3),
                "digitalTakeUp": decimal_literal(tu, 3),
            }


HEADER = """\
# Department for Digital Public Services (DDPS) -- monthly service performance.
#
# GENERATED by data/generate.py -- do not edit by hand; change the script and re-run it.
#
# FICTIONAL sample data shipped with Cairn. Licensed under the Open Government
# Licence v3.0.
#
# Load into named graph: <http://data.example.gov.uk/graph/service-performance>
#
# An RDF Data Cube (http://www.w3.org/TR/vocab-data-cube/) using the
# MEASURE-DIMENSION approach: every qb:Observation carries exactly one measure,
# named by its qb:measureType, plus the unit of that measure. One observation
# per service x month x measure: 10 x 24 x 5 = 1200 observations.
#
# Numbers use Turtle's numeric shorthand: 41235 is xsd:integer and 4.27 is
# xsd:decimal. Decimals are in XSD 1.0 canonical form (4.2, not 4.20).

@prefix rdf:            <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:           <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:            <http://www.w3.org/2002/07/owl#> .
@prefix xsd:            <http://www.w3.org/2001/XMLSchema#> .
@prefix dct:            <http://purl.org/dc/terms/> .
@prefix qb:             <http://purl.org/linked-data/cube#> .
@prefix sdmx-concept:   <http://purl.org/linked-data/sdmx/2009/concept#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-measure:   <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix interval:       <http://reference.data.gov.uk/def/intervals/> .
@prefix month:          <http://reference.data.gov.uk/id/month/> .
@prefix unit:           <http://qudt.org/vocab/unit/> .
@prefix svc:            <http://data.example.gov.uk/def/service#> .
@prefix sp:             <http://data.example.gov.uk/def/service-performance#> .
@prefix organisation:   <http://data.example.gov.uk/id/organisation/> .
@prefix service:        <http://data.example.gov.uk/id/service/> .
@prefix dataset:        <http://data.example.gov.uk/id/dataset/> .
@prefix obs:            <http://data.example.gov.uk/id/observation/service-performance/> .

# ---------------------------------------------------------------------------
# The data set
# ---------------------------------------------------------------------------

dataset:service-performance a qb:DataSet ;
    rdfs:label "DDPS digital service performance, monthly"@en ;
    rdfs:comment "Monthly transactions, cost per transaction, completion rate, user satisfaction and digital take-up for ten digital services run by the Department for Digital Public Services, January 2024 to December 2025."@en ;
    qb:structure sp:service-performance-structure ;
    dct:publisher organisation:ddps ;
    dct:license <http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/> .

# ---------------------------------------------------------------------------
# Data structure definition
# ---------------------------------------------------------------------------

<http://data.example.gov.uk/def/service-performance> a owl:Ontology ;
    rdfs:label "DDPS service-performance vocabulary"@en ;
    rdfs:comment "The data structure definition and component properties of the DDPS service-performance cube."@en ;
    dct:publisher organisation:ddps .

sp:service-performance-structure a qb:DataStructureDefinition ;
    rdfs:label "Service performance structure"@en ;
    rdfs:comment "Dimensions: service, reference month and measure type. One measure per observation (measure-dimension approach); the unit of measure is a required attribute."@en ;
    qb:component
        [ qb:dimension sdmx-dimension:refPeriod ; qb:order 1 ] ,
        [ qb:dimension sp:service ; qb:order 2 ] ,
        [ qb:dimension qb:measureType ; qb:order 3 ] ,
        [ qb:measure sp:transactions ] ,
        [ qb:measure sp:costPerTransaction ] ,
        [ qb:measure sp:completionRate ] ,
        [ qb:measure sp:userSatisfaction ] ,
        [ qb:measure sp:digitalTakeUp ] ,
        [ qb:attribute sdmx-attribute:unitMeasure ; qb:componentRequired true ] .

# --- Dimensions -------------------------------------------------------------

# Reused from the SDMX-RDF vocabulary; restated here as published there so
# that the cube's labels are available without loading that vocabulary.
sdmx-dimension:refPeriod a qb:DimensionProperty, rdf:Property ;
    rdfs:label "Reference Period"@en ;
    rdfs:range rdfs:Resource ;
    qb:concept sdmx-concept:refPeriod .

sp:service a qb:DimensionProperty, rdf:Property ;
    rdfs:label "Service"@en , "Gwasanaeth"@cy ;
    rdfs:comment "The digital service the observation is about."@en ;
    rdfs:range svc:Service ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

qb:measureType rdfs:label "Measure type"@en .

# --- Measures ---------------------------------------------------------------

sp:transactions a qb:MeasureProperty, rdf:Property ;
    rdfs:label "Transactions"@en , "Trafodion"@cy ;
    rdfs:comment "Number of transactions completed in the month, through all channels."@en ;
    rdfs:subPropertyOf sdmx-measure:obsValue ;
    rdfs:range xsd:integer ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

sp:costPerTransaction a qb:MeasureProperty, rdf:Property ;
    rdfs:label "Cost per transaction"@en , "Cost fesul trafodiad"@cy ;
    rdfs:comment "Total cost of providing the service in the month, through all channels, divided by the number of transactions; in pounds sterling (GBP)."@en ;
    rdfs:subPropertyOf sdmx-measure:obsValue ;
    rdfs:range xsd:decimal ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

sp:completionRate a qb:MeasureProperty, rdf:Property ;
    rdfs:label "Completion rate"@en , "Cyfradd cwblhau"@cy ;
    rdfs:comment "Proportion of digital transactions started in the month that were completed, as a fraction between 0 and 1."@en ;
    rdfs:subPropertyOf sdmx-measure:obsValue ;
    rdfs:range xsd:decimal ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

sp:userSatisfaction a qb:MeasureProperty, rdf:Property ;
    rdfs:label "User satisfaction"@en , "Boddhad defnyddwyr"@cy ;
    rdfs:comment "Proportion of users responding to the end-of-service survey who were satisfied or very satisfied, as a fraction between 0 and 1."@en ;
    rdfs:subPropertyOf sdmx-measure:obsValue ;
    rdfs:range xsd:decimal ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

sp:digitalTakeUp a qb:MeasureProperty, rdf:Property ;
    rdfs:label "Digital take-up"@en , "Defnydd digidol"@cy ;
    rdfs:comment "Proportion of all transactions in the month completed through the digital service, as a fraction between 0 and 1."@en ;
    rdfs:subPropertyOf sdmx-measure:obsValue ;
    rdfs:range xsd:decimal ;
    rdfs:isDefinedBy <http://data.example.gov.uk/def/service-performance> .

# --- Attribute --------------------------------------------------------------

# Reused from the SDMX-RDF vocabulary, restated as published there.
sdmx-attribute:unitMeasure a qb:AttributeProperty, rdf:Property ;
    rdfs:label "Unit of Measure"@en ;
    qb:concept sdmx-concept:unitMeasure .

# Labels for the QUDT units used as unitMeasure values.
unit:NUM rdfs:label "Number"@en .
unit:CCY_GBP rdfs:label "Pound Sterling"@en .
unit:FRACTION rdfs:label "Fraction"@en .

# ---------------------------------------------------------------------------
# Reference months (labels for the reference.data.gov.uk interval IRIs used)
# ---------------------------------------------------------------------------
"""


def month_id(year, month):
    return "%04d-%02d" % (year, month)


def render():
    out = [HEADER]
    for year, month in MONTHS:
        out.append('month:%s a interval:CalendarMonth ; rdfs:label "%s %d"@en , "%s %d"@cy .\n'
                   % (month_id(year, month), MONTH_EN[month - 1], year, MONTH_CY[month - 1], year))
    out.append("\n# ---------------------------------------------------------------------------\n"
               "# Observations\n"
               "# ---------------------------------------------------------------------------\n")
    current = None
    revised_seen = False
    for slug, (year, month), values in figures():
        if slug != current:
            current = slug
            out.append("\n# === %s %s\n" % (slug, "=" * max(3, 72 - len(slug))))
        mid = month_id(year, month)
        out.append("\n# %s %s\n" % (slug, mid))
        for i, (measure, unit, _places) in enumerate(MEASURES):
            if i:
                out.append("\n")
            revised = REVISED == (slug, (year, month), measure)
            if revised:
                revised_seen = True
                out.append("# NOTE: the one observation with extra literals, kept on purpose to exercise\n"
                           "# stores: a language-tagged comment with a region subtag (@en-GB) and an\n"
                           "# xsd:dateTime with a +01:00 offset. That instant is 00:30 UTC, half an\n"
                           "# hour before British Summer Time began, so the offset is not the UK's\n"
                           "# offset at that instant: a store must keep the lexical form as written.\n")
            out.append("obs:%s-%s-%s a qb:Observation ;\n" % (slug, mid, measure))
            out.append("    qb:dataSet dataset:service-performance ;\n")
            out.append("    sp:service service:%s ;\n" % slug)
            out.append("    sdmx-dimension:refPeriod month:%s ;\n" % mid)
            out.append("    qb:measureType sp:%s ;\n" % measure)
            out.append("    sp:%s %s ;\n" % (measure, values[measure]))
            if revised:
                out.append('    rdfs:comment "%s"@en-GB ;\n' % REVISED_COMMENT)
                out.append('    dct:modified "%s"^^xsd:dateTime ;\n' % REVISED_MODIFIED)
            out.append("    sdmx-attribute:unitMeasure unit:%s .\n" % unit)
    if not revised_seen:
        raise SystemExit("generate.py: REVISED observation not produced")
    return "".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", default=os.path.join(here, "service-performance.ttl"),
                    help="output file, or - for stdout (default: %(default)s)")
    args = ap.parse_args()
    text = render()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
