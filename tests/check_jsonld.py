#!/usr/bin/env python3
"""Checks every JSON-LD document of a built site against schema.org: each
node's @type is one of the types below, each property is one schema.org
gives that type (directly or by inheritance), and values have the kind the
property expects (numbers as numbers, dates as ISO dates, URLs absolute). A
screening may not start before the film it presents was released.
Usage: check_jsonld.py SITE_DIR. Prints each problem; exit status 1 if any.

The property lists are schema.org's (https://schema.org/docs/full.html),
written out as facts for the types Marquee's theme uses, not fetched."""
import json
import os
import re
import sys

THING = {
    "@type", "@id", "@context", "name", "url", "image", "description", "sameAs", "identifier",
    "alternateName", "disambiguatingDescription", "additionalType", "mainEntityOfPage",
    "potentialAction", "subjectOf",
}
CREATIVE_WORK = THING | {
    "about", "abstract", "accessMode", "accessibilityFeature", "accessibilitySummary",
    "accountablePerson", "aggregateRating", "alternativeHeadline", "audience", "author",
    "award", "character", "citation", "comment", "contentLocation", "contentRating",
    "contributor", "copyrightHolder", "copyrightYear", "countryOfOrigin", "creator",
    "dateCreated", "dateModified", "datePublished", "editor", "funder", "genre", "hasPart",
    "headline", "inLanguage", "isAccessibleForFree", "isBasedOn", "isFamilyFriendly",
    "isPartOf", "keywords", "license", "locationCreated", "mainEntity", "offers", "position",
    "producer", "provider", "publisher", "recordedAt", "releasedEvent", "review", "sourceOrganization",
    "spatialCoverage", "sponsor", "temporalCoverage", "text", "thumbnailUrl", "timeRequired",
    "translator", "typicalAgeRange", "version", "video", "workExample",
}
TYPES = {
    "Movie": CREATIVE_WORK | {
        "actor", "countryOfOrigin", "director", "duration", "musicBy", "productionCompany",
        "subtitleLanguage", "titleEIDR", "trailer",
    },
    "Event": THING | {
        "about", "actor", "aggregateRating", "attendee", "audience", "composer", "contributor",
        "director", "doorTime", "duration", "endDate", "eventAttendanceMode", "eventSchedule",
        "eventStatus", "funder", "inLanguage", "isAccessibleForFree", "keywords", "location",
        "maximumAttendeeCapacity", "offers", "organizer", "performer", "previousStartDate",
        "recordedIn", "remainingAttendeeCapacity", "review", "sponsor", "startDate", "subEvent",
        "superEvent", "translator", "typicalAgeRange", "workFeatured", "workPerformed",
    },
    "Place": THING | {
        "address", "aggregateRating", "amenityFeature", "branchCode", "containedInPlace",
        "containsPlace", "event", "faxNumber", "geo", "globalLocationNumber", "hasMap",
        "isAccessibleForFree", "isicV4", "latitude", "logo", "longitude",
        "maximumAttendeeCapacity", "openingHoursSpecification", "photo", "publicAccess",
        "review", "smokingAllowed", "specialOpeningHoursSpecification", "telephone",
    },
    "PostalAddress": THING | {
        "addressCountry", "addressLocality", "addressRegion", "postOfficeBoxNumber",
        "postalCode", "streetAddress", "areaServed", "availableLanguage", "contactType",
        "email", "faxNumber", "telephone",
    },
    "Person": THING | {
        "additionalName", "address", "affiliation", "alumniOf", "award", "birthDate",
        "birthPlace", "children", "colleague", "deathDate", "email", "familyName", "gender",
        "givenName", "honorificPrefix", "honorificSuffix", "jobTitle", "knowsLanguage",
        "nationality", "parent", "sibling", "spouse", "telephone", "worksFor",
    },
}
TYPES["ScreeningEvent"] = TYPES["Event"] | {"subtitleLanguage", "videoFormat", "workPresented"}
# MovieTheater: a CivicStructure (a Place) and an EntertainmentBusiness (a LocalBusiness)
TYPES["MovieTheater"] = TYPES["Place"] | {
    "screenCount", "openingHours", "currenciesAccepted", "paymentAccepted", "priceRange",
    "email", "founder", "foundingDate", "legalName", "brand", "contactPoint", "department",
    "areaServed", "hasOfferCatalog", "makesOffer", "parentOrganization",
}

# What a property's value must be (when the theme uses it).
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:]+(Z|[+-]\d{2}:\d{2})?)?$")
KINDS = {
    "screenCount": "number", "startDate": "date", "endDate": "date", "datePublished": "date",
    "url": "url", "image": "url", "duration": "duration", "name": "text",
    "postalCode": "text", "streetAddress": "text", "addressLocality": "text",
    "addressCountry": "text", "addressRegion": "text", "description": "text",
}
# Properties whose value is another node, and the types it may have.
NODES = {
    "location": {"MovieTheater", "Place"}, "workPresented": {"Movie"}, "director": {"Person"},
    "address": {"PostalAddress"}, "actor": {"Person"},
}

problems = []


def check_value(where, prop, value):
    kind = KINDS.get(prop)
    if kind == "number" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        problems.append("%s: %s must be a number, not %r" % (where, prop, value))
    elif kind == "date" and not (isinstance(value, str) and DATE.match(value)):
        problems.append("%s: %s must be an ISO date, not %r" % (where, prop, value))
    elif kind == "url" and not (isinstance(value, str) and re.match(r"^https?://[^ ]+$", value)):
        problems.append("%s: %s must be an absolute URL, not %r" % (where, prop, value))
    elif kind == "duration" and not (isinstance(value, str) and re.match(r"^PT(\d+H)?(\d+M)?$", value)):
        problems.append("%s: %s must be an ISO 8601 duration, not %r" % (where, prop, value))
    elif kind == "text" and not isinstance(value, str):
        problems.append("%s: %s must be text, not %r" % (where, prop, value))


def check_node(where, node, allowed=None):
    if not isinstance(node, dict):
        problems.append("%s: expected a node, found %r" % (where, node))
        return
    kind = node.get("@type")
    if kind not in TYPES:
        problems.append("%s: @type %r is not one of %s" % (where, kind, ", ".join(sorted(TYPES))))
        return
    if allowed and kind not in allowed:
        problems.append("%s: a %s where %s is expected" % (where, kind, " or ".join(sorted(allowed))))
    for prop, value in node.items():
        if prop not in TYPES[kind]:
            problems.append("%s: %s has no property %r on schema.org" % (where, kind, prop))
            continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            if prop in NODES:
                check_node("%s > %s" % (where, prop), v, NODES[prop])
            else:
                check_value("%s (%s)" % (where, kind), prop, v)
    if kind == "ScreeningEvent":
        start, film = node.get("startDate", ""), node.get("workPresented") or {}
        released = film.get("datePublished", "") if isinstance(film, dict) else ""
        if start and released and start[:10] < released[:10]:
            problems.append("%s: the screening of %r starts %s, before its release on %s"
                            % (where, film.get("name"), start, released))
        end = node.get("endDate", "")
        if start and end and end[:10] < start[:10]:
            problems.append("%s: ends %s before it starts %s" % (where, end, start))


def main():
    root = sys.argv[1]
    documents = 0
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            text = open(path, encoding="utf-8").read()
            for i, block in enumerate(re.findall(
                    r'<script type="application/ld\+json">(.*?)</script>', text, re.S)):
                where = "%s #%d" % (rel, i + 1)
                try:
                    doc = json.loads(block)
                except ValueError as e:
                    problems.append("%s: not JSON: %s" % (where, e))
                    continue
                documents += 1
                if doc.get("@context") != "https://schema.org":
                    problems.append("%s: @context is not https://schema.org" % where)
                nodes = doc.get("@graph", [doc])
                for k, node in enumerate(nodes):
                    node = {p: v for p, v in node.items() if p != "@context"}
                    check_node("%s[%d]" % (where, k), node)
    for p in problems:
        print(p)
    print("%d JSON-LD documents, %d problems" % (documents, len(problems)))
    sys.exit(1 if problems or not documents else 0)


main()
