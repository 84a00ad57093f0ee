"""Registers a case through the client openapi-python-client generated from
/api/openapi.json, then reads it back through the same client.

Finds the generated package (named from the document's title), the
`create_case` and `get_case` operations and the `CreateCase` model by name, so
a renamed operation or schema fails here, as it would for an integrator.
Synthetic data only."""

import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

base, token = os.environ["BASE"], os.environ["TOKEN"]
root = Path(os.environ["PYTHONPATH"]) / "client"
# `--meta none` writes the package itself at the output path.
if not (root / "__init__.py").exists():
    sys.exit(f"no generated package at {root}")
sys.path.insert(0, str(root.parent))
pkg = importlib.import_module(root.name)
client_mod = importlib.import_module(f"{pkg.__name__}.client")
models = importlib.import_module(f"{pkg.__name__}.models")


def operation(name):
    api = importlib.import_module(f"{pkg.__name__}.api")
    for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        if info.name.rsplit(".", 1)[-1] == name:
            return importlib.import_module(info.name)
    sys.exit(f"the generated client has no operation {name}")


create_case, get_case = operation("create_case"), operation("get_case")
client = client_mod.AuthenticatedClient(base_url=base, token=token)
body = models.CreateCase.from_dict(
    {
        "person": {
            "id": "P-CLIENT-1",
            "given_name": "Generera",
            "family_name": "Klientsson",
            "birth_date": "1990-01-01",
            "sex": "F",
            "citizenship": "IQ",
            "dossier_number": "9-990001",
        },
        "decision": {
            "kind": "refusal_of_entry",
            "decided_by": "migrationsverket",
            "decided_on": "2026-11-02",
            "notified_on": "2026-11-02",
            "final_on": None,
        },
        "destination": "IQ",
        "family": None,
        "absconding_risk": False,
        "reason": "registered through a generated client",
    }
)
made = create_case.sync_detailed(client=client, body=body)
if made.status_code != 201:
    sys.exit(f"create_case answered {made.status_code}: {made.content!r}")
created = json.loads(made.content)
case_id = created["id"]
print(f"registered {case_id} through the generated client")
got = get_case.sync_detailed(case_id, client=client)
if got.status_code != 200:
    sys.exit(f"get_case answered {got.status_code}: {got.content!r}")
shown = json.loads(got.content)
assert shown["id"] == case_id, shown
assert shown["stage"] == "registered", shown["stage"]
print(f"read {case_id} back: stage {shown['stage']}, version {shown['version']}")
