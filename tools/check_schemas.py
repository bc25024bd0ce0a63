#!/usr/bin/env python3
"""Checks the JSON Schemas in Schemas/ and their fixtures.

Schemas/report.schema.json must accept the golden JSON reports of
Tests/PartnerReportsTests/Golden and reject broken variants of them.

For every Schemas/events/<Type>.v<version>.schema.json:
  - the schema is a valid draft 2020-12 schema;
  - Schemas/fixtures/<Type>.v<version>.json exists and validates against it;
  - the fixture wrapped in an envelope validates against Schemas/envelope.schema.json;
  - deliberately broken variants of the fixture are rejected (a missing
    required field, an extra property, a value outside an enum, an impossible
    date), so that the check cannot pass vacuously.
The envelope schema is checked the same way, with broken envelopes.

Formats are asserted, not just annotated: `date`, `date-time` and `uuid`
values are checked (date-time through rfc3339-validator).

Usage: python3 tools/check_schemas.py [SCHEMAS_DIR]
       python3 tools/check_schemas.py --report REPORT.json...
The second form validates reports that `pledger report --format json` wrote against
Schemas/report.schema.json, printing the first error of each rejected one.
Prints one line per failure and a final line `schemas: N passed, M failed`;
exits 1 when anything failed.
"""

import copy
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import SchemaError
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:
    sys.exit(f"check_schemas: {error}. Install them with: pip install jsonschema rfc3339-validator")

ROOT = Path(__file__).resolve().parent.parent
ENVELOPE_SAMPLE = {
    "id": "0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f",
    "seq": 42,
    "partnership": "acme-iot",
    "occurredAt": "2025-03-04T16:30:00.000Z",
    "recordedAt": "2025-03-04T16:31:07.250Z",
    "recordedBy": "dana",
    "source": "cli",
    "causationId": "6f1c2a9e-4b7d-4e21-9c3a-8d5f0e7b1a42",
    "correlationId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
}


class Report:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, condition, label):
        if condition:
            self.passed += 1
        else:
            self.failures.append(label)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def make_format_checker():
    """A format checker that really asserts date, date-time and uuid, or exits saying why not."""
    checker = FormatChecker()
    probes = [("date", "2025-02-30"), ("date-time", "2025-03-01T10:00:00"), ("uuid", "not-a-uuid")]
    for name, bad in probes:
        if name not in checker.checkers or checker.conforms(bad, name):
            sys.exit(f"check_schemas: the format checker does not reject {bad!r} as {name}; "
                     "install rfc3339-validator so that formats are asserted")
    return checker


def open_object_paths(schema, where=""):
    """Paths of object schemas inside `schema` that do not set additionalProperties to false."""
    if isinstance(schema, dict):
        if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
            yield where or "(root)"
        for key, value in schema.items():
            yield from open_object_paths(value, f"{where}/{key}" if where else key)
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from open_object_paths(value, f"{where}/{index}")


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda error: list(error.path))


def first_error(validator, instance):
    errors = errors_of(validator, instance)
    if not errors:
        return None
    error = errors[0]
    path = "/".join(str(part) for part in error.path) or "(root)"
    return f"{path}: {error.message}"


def broken_variants(schema, fixture):
    """Yields (label, instance) pairs that the schema must reject, derived from the schema and fixture."""
    required = schema.get("required", [])
    if required:
        broken = copy.deepcopy(fixture)
        broken.pop(required[0], None)
        yield f"without required field {required[0]!r}", broken
    broken = copy.deepcopy(fixture)
    broken["unexpectedField"] = "x"
    yield "with an extra property", broken
    for key, spec in schema.get("properties", {}).items():
        if "enum" in spec and key in fixture:
            broken = copy.deepcopy(fixture)
            broken[key] = "not-a-listed-value"
            yield f"with {key!r} outside its enum", broken
        if spec.get("format") == "date" or {"format": "date"} in spec.get("anyOf", []):
            broken = copy.deepcopy(fixture)
            broken[key] = "2025-02-30"
            yield f"with {key!r} = 2025-02-30", broken
        if spec.get("type") == "array" and key in fixture and fixture[key]:
            items = spec.get("items", {})
            element = fixture[key][0]
            if items.get("type") == "object" and isinstance(element, dict):
                for label, bad_element in broken_variants(items, element):
                    broken = copy.deepcopy(fixture)
                    broken[key][0] = bad_element
                    yield f"with {key}[0] {label}", broken


def check_reports(paths):
    """Validates report files against Schemas/report.schema.json; returns the exit status."""
    validator = Draft202012Validator(load(ROOT / "Schemas" / "report.schema.json"), format_checker=make_format_checker())
    failed = 0
    for path in paths:
        try:
            problem = first_error(validator, load(path))
        except (OSError, json.JSONDecodeError) as error:
            problem = f"cannot be read as JSON: {error}"
        if problem:
            failed += 1
            print(f"FAIL {path}: {problem}")
    print(f"reports: {len(paths) - failed} valid, {failed} rejected")
    return 1 if failed or not paths else 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--report":
        return check_reports(sys.argv[2:])
    schemas_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Schemas"
    report = Report()
    checker = make_format_checker()

    envelope_path = schemas_dir / "envelope.schema.json"
    event_paths = sorted((schemas_dir / "events").glob("*.schema.json"))
    if not event_paths:
        sys.exit(f"check_schemas: no event schemas under {schemas_dir / 'events'}")
    schemas = {}
    for path in [envelope_path, *event_paths]:
        try:
            schema = load(path)
            Draft202012Validator.check_schema(schema)
        except json.JSONDecodeError as error:
            report.check(False, f"{path.name}: not valid JSON: {error}")
            continue
        except SchemaError as error:
            where = "/".join(str(part) for part in error.path) or "(root)"
            report.check(False, f"{path.name}: not a valid draft 2020-12 schema at {where}: {error.message}")
            continue
        report.check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema",
                      f"{path.name}: $schema must be draft 2020-12")
        open_objects = [where for where in open_object_paths(schema) if where != "properties/payload"]
        report.check(not open_objects,
                     f"{path.name}: objects without additionalProperties: false at {', '.join(open_objects)}")
        schemas[path] = schema

    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        for schema in schemas.values() if "$id" in schema)

    def validator_for(schema):
        return Draft202012Validator(schema, format_checker=checker, registry=registry)

    envelope_schema = schemas.get(envelope_path)
    envelope_validator = validator_for(envelope_schema) if envelope_schema else None

    fixture_dir = schemas_dir / "fixtures"
    stems = {path.name.removesuffix(".schema.json") for path in event_paths}
    for orphan in sorted(path.name for path in fixture_dir.glob("*.json") if path.stem not in stems):
        report.check(False, f"fixtures/{orphan}: no schema events/{orphan.removesuffix('.json')}.schema.json")

    for path in event_paths:
        schema = schemas.get(path)
        if schema is None:
            continue
        stem = path.name.removesuffix(".schema.json")
        event_type, _, version_text = stem.rpartition(".v")
        fixture_path = fixture_dir / f"{stem}.json"
        if not fixture_path.exists():
            report.check(False, f"{stem}: no fixture fixtures/{fixture_path.name}")
            continue
        fixture = load(fixture_path)
        validator = validator_for(schema)
        problem = first_error(validator, fixture)
        report.check(problem is None, f"{stem}: fixture rejected by its schema: {problem}")

        if envelope_validator is not None:
            line = dict(ENVELOPE_SAMPLE, type=event_type, version=int(version_text), payload=fixture)
            problem = first_error(envelope_validator, line)
            report.check(problem is None, f"{stem}: fixture in an envelope rejected: {problem}")

        for label, broken in broken_variants(schema, fixture):
            report.check(first_error(validator, broken) is not None,
                         f"{stem}: fixture {label} was accepted; the schema must reject it")

    if envelope_validator is not None:
        sample_stem = event_paths[0].name.removesuffix(".schema.json")
        sample_type, _, sample_version = sample_stem.rpartition(".v")
        good = dict(ENVELOPE_SAMPLE, type=sample_type, version=int(sample_version),
                    payload=load(fixture_dir / f"{sample_stem}.json"))
        broken_envelopes = {
            "without id": {k: v for k, v in good.items() if k != "id"},
            "with an extra property": dict(good, unexpectedField=1),
            "with a bad slug": dict(good, partnership="Acme IoT"),
            "with a bad source": dict(good, source="email"),
            "with occurredAt 2025-02-30": dict(good, occurredAt="2025-02-30"),
            "with occurredAt lacking a zone": dict(good, occurredAt="2025-03-04T16:30:00"),
            "with a bad uuid": dict(good, id="not-a-uuid"),
            "with seq 0": dict(good, seq=0),
            "with an unknown type": dict(good, type="MeetingHold"),
            "with an unknown version": dict(good, version=99),
            "with a payload that breaks its schema": dict(good, payload={"unexpectedField": 1}),
        }
        for label, broken in broken_envelopes.items():
            report.check(first_error(envelope_validator, broken) is not None,
                         f"envelope {label} was accepted; the schema must reject it")

    check_report_schema(schemas_dir, report, checker)

    for failure in report.failures:
        print(f"FAIL {failure}")
    print(f"schemas: {report.passed} passed, {len(report.failures)} failed")
    return 1 if report.failures else 0


def check_report_schema(schemas_dir, report, checker):
    """Schemas/report.schema.json: a valid closed schema that accepts the golden reports and rejects broken ones."""
    path = schemas_dir / "report.schema.json"
    if not path.exists():
        report.check(False, f"{path.name}: missing")
        return
    try:
        schema = load(path)
        Draft202012Validator.check_schema(schema)
    except (json.JSONDecodeError, SchemaError) as error:
        report.check(False, f"{path.name}: not a valid draft 2020-12 schema: {error}")
        return
    open_objects = list(open_object_paths(schema))
    report.check(not open_objects, f"{path.name}: objects without additionalProperties: false at {', '.join(open_objects)}")
    validator = Draft202012Validator(schema, format_checker=checker)
    samples = sorted(GOLDEN_REPORTS.glob("*.json"))
    report.check(bool(samples), f"{path.name}: no sample reports under {GOLDEN_REPORTS}")
    for sample_path in samples:
        sample = load(sample_path)
        problem = first_error(validator, sample)
        report.check(problem is None, f"{sample_path.name}: rejected by {path.name}: {problem}")
        for label, broken in broken_reports(sample):
            report.check(first_error(validator, broken) is not None,
                         f"{sample_path.name} {label} was accepted; {path.name} must reject it")


GOLDEN_REPORTS = ROOT / "Tests" / "PartnerReportsTests" / "Golden"


def broken_reports(sample):
    """Yields (label, report) pairs that the report schema must reject."""
    def variant(change):
        broken = copy.deepcopy(sample)
        change(broken)
        return broken
    yield "without its ledger seal", variant(lambda r: r.pop("ledger"))
    yield "with an extra property", variant(lambda r: r.update(unexpectedField=1))
    yield "with a short head digest", variant(lambda r: r["ledger"].update(headDigest="abc123"))
    yield "with reportVersion 2", variant(lambda r: r.update(reportVersion=2))
    yield "with period 'week'", variant(lambda r: r["range"].update(period="week"))
    yield "with from 2025-02-30", variant(lambda r: r["range"].update({"from": "2025-02-30"}))
    if sample["partnerships"] and sample["partnerships"][0]["periods"]:
        yield "with a band outside its enum", variant(lambda r: r["partnerships"][0]["periods"][0].update(band="amber"))
        yield "with a negative count", variant(
            lambda r: r["partnerships"][0]["periods"][0]["parties"][0].update(callsHeld=-1))
        yield "with health 120", variant(lambda r: r["partnerships"][0]["periods"][0].update(health=120))
        yield "with health null", variant(lambda r: r["partnerships"][0]["periods"][0].update(health=None))
        yield "with a party period missing its calls", variant(
            lambda r: r["partnerships"][0]["periods"][0]["parties"][0].pop("callsHeld"))
    flags = [flag for trend in sample["partnerships"] for flag in trend["flags"]]
    if flags:
        yield "with an evidence id that is not a uuid", variant(
            lambda r: next(f for t in r["partnerships"] for f in t["flags"])["rules"][0]["evidence"].append("not-a-uuid"))


if __name__ == "__main__":
    sys.exit(main())
