"""Schema-driven fuzzing: schemathesis generates requests from the app's own OpenAPI schema.

Every response must have a non-5xx status, a documented status code and content type, and a
body that matches its declared schema; authentication must not be ignored. The run is bounded
(a fixed number of examples per operation, derandomised) so it takes seconds, not minutes.
"""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api import create_app
from api.config import Settings

from .conftest import ADMIN, TOKENS, small_org

MAX_EXAMPLES = 30

# Refusals the API documents besides schemathesis's defaults: 413 (body) and 414 (query string too long).
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429"]
# Constraints a schema cannot state are 422 answers, not rejected schema-valid requests: a
# scenario naming a unit or capability that does not exist (the operation and field are named),
# and bottleneck weights that are all zero.
SEMANTIC_ANSWERS = ["2xx", "401", "403", "404", "409", "422", "429"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}},
        "operations": [
            {
                "include-path": path,
                "checks": {"positive_data_acceptance": {"expected-statuses": SEMANTIC_ANSWERS}},
            }
            for path in ("/api/impact", "/api/bottlenecks")
        ],
    }
)

schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(small_org(), Settings(tokens=TOKENS)), config=CONFIG
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN}"})
