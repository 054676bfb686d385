# make run   - the gateway with a local Neo4j and demo data (development mode)
# make test  - the whole suite against a real Neo4j
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.installed-test-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install install-test chromium run test lint schema coverage seed neo4j query bench-load bench-check bench-timeline bench-routing bench-lead-analytics bench-relationships bench-recovery bench-suite-cpu bench-cold-planning bench-statement bench-payload bench-vs-neo4j-graphql clean

# Writes the dependencies pyproject.toml lists (`run`: the project's own; `dev`: the extra) as a
# requirements file: the code runs from this checkout (app.py, python -m graph), so only they are installed.
REQUIREMENTS = $(PY) -c 'import sys, tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	e = sys.argv[1]; d = p["dependencies"] if e == "run" else p["optional-dependencies"][e]; \
	open(f"$(VENV)/requirements-{e}.txt", "w").write("\n".join(d) + "\n")'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required: install it or run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(REQUIREMENTS) run
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements-run.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The test and lint tools (pytest, ruff, mypy, selenium ...): the dev extras.
$(TEST_STAMP): $(STAMP)
	@$(REQUIREMENTS) dev
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements-dev.txt
	touch $(TEST_STAMP)

# The graphql-http audit (tests/gateway/test_graphql_over_http.py) runs in Node 20+: the exact
# versions of tests/gateway/http_audit/package-lock.json, reinstalled when the lock file changes.
AUDIT_MODULES := tests/gateway/http_audit/node_modules/.package-lock.json
$(AUDIT_MODULES): tests/gateway/http_audit/package-lock.json
	cd tests/gateway/http_audit && npm ci --no-audit --no-fund --no-update-notifier
	touch $(AUDIT_MODULES)

# GraphiQL's browser builds, served by the gateway in development mode so the page works offline:
# the exact versions of web/graphiql/package-lock.json, reinstalled when the lock file changes.
GRAPHIQL_MODULES := web/graphiql/node_modules/.package-lock.json
$(GRAPHIQL_MODULES): web/graphiql/package-lock.json
	@command -v npm >/dev/null || { echo "error: GraphiQL's files are installed with npm, which is missing: run 'sudo apt-get install -y nodejs npm', then make again" >&2; exit 1; }
	@echo "Installing GraphiQL's browser files (npm ci in web/graphiql, about 20 s)..."
	cd web/graphiql && npm ci --no-audit --no-fund --no-update-notifier
	touch $(GRAPHIQL_MODULES)

# What running needs (make run); the test tools come with install-test (make test).
install: $(STAMP) $(GRAPHIQL_MODULES)

install-test: install $(TEST_STAMP) $(AUDIT_MODULES) chromium

# The real-browser tests (tests/browser/) drive Debian's Chromium through its driver.
chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests (apt-get install chromium chromium-driver, about a minute)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "error: the browser tests need Chromium and its driver: run 'sudo apt-get install -y chromium chromium-driver'" >&2; \
	    exit 1; \
	  fi; \
	fi

run: install
	GATEWAY_DEV_MODE=1 $(PY) app.py

# Two pytest-xdist workers by default: the tests that start Neo4j JVMs of their own and a few long ones on
# one, every other test on the other, each worker with a session Neo4j of its own (tests/conftest.py,
# OWN_NEO4J and BESIDE_OWN_NEO4J).
# TEST_WORKERS=0: one process, in order.
TEST_WORKERS ?= 2
test: lint install-test
	$(PY) -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadscope)

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check app.py gateway resolvers domains graph tests bench
	$(VENV)/bin/mypy app.py gateway resolvers domains graph

schema: install
	$(PY) -m resolvers.schema > schema.graphql

coverage: install
	$(PY) -m resolvers.coverage

seed: install
	$(PY) -m graph seed --customers $(or $(CUSTOMERS),2000) $(if $(WIPE),--wipe)

neo4j: install
	$(PY) -m graph neo4j

# A file of cypher/ with its documented :param lines, e.g. make query Q=list_indicator_types P="kind='ALERT'" F=csv
# (P: one name=<Cypher expression>; F: table, csv or json; WRITE=1 lets a statement that writes commit).
query: install
	$(PY) -m graph query $(Q) $(if $(P),--param "$(P)") $(if $(F),--format $(F)) $(if $(WRITE),--write)

bench-load: install
	$(PY) bench/load_bench.py --customers $(or $(CUSTOMERS),100000)

bench-check: install
	$(PY) bench/presenting_check_bench.py --customers $(or $(CUSTOMERS),20000) --checks $(or $(CHECKS),5000)

bench-timeline: install
	$(PY) bench/timeline_bench.py --events $(or $(EVENTS),100000) --repeats $(or $(REPEATS),300)

bench-routing: install
	$(PY) bench/routing_bench.py --customers $(or $(CUSTOMERS),100000) --scales $(or $(SCALES),1 10) \
		--requests $(or $(REQUESTS),1000) --throughput-requests $(or $(THROUGHPUT_REQUESTS),1000) \
		$(if $(ALLOCATION),--allocation) $(if $(BURST),--burst $(BURST))

bench-lead-analytics: install
	$(PY) bench/lead_analytics_bench.py --customers $(or $(CUSTOMERS),100000)

bench-relationships: install
	$(PY) bench/relationship_bench.py --customers $(or $(CUSTOMERS),100000)

bench-recovery: install
	$(PY) bench/recovery_bench.py --runs $(or $(RUNS),3)

# Where make test's CPU goes: per program, and inside the Neo4j JVMs per kind of thread (compilers, Bolt).
bench-suite-cpu: lint install-test
	$(PY) bench/suite_cpu_bench.py $(ARGS)

# The CPU a fresh Neo4j spends starting and planning cypher/ once, per JVM option set (tests/support.py).
bench-cold-planning: install
	$(PY) bench/cold_planning_bench.py $(ARGS)

# One statement of cypher/ against an earlier version of it (bench/statement_bench.py says how).
bench-statement: install
	$(PY) bench/statement_bench.py $(ARGS)

# A mutation's read-back, compiled against the resolvers' (bench/payload_bench.py).
bench-payload: install
	$(PY) bench/payload_bench.py $(ARGS)

# This gateway against @neo4j/graphql (Apollo Server, Node) and a bare-Cypher floor on one bank
# (docs/performance.md), e.g. make bench-vs-neo4j-graphql ARGS="--customers 2000". Its Node modules
# (exact versions of bench/vs_neo4j_graphql/package-lock.json) and APOC, which @neo4j/graphql needs
# in Neo4j, are installed here only, not by make install or make test.
VS_NEO4J_GRAPHQL_MODULES := bench/vs_neo4j_graphql/node_modules/.package-lock.json
$(VS_NEO4J_GRAPHQL_MODULES): bench/vs_neo4j_graphql/package-lock.json
	cd bench/vs_neo4j_graphql && npm ci --no-audit --no-fund --no-update-notifier
	touch $(VS_NEO4J_GRAPHQL_MODULES)

APOC_STAMP := .cache/neo4j/apoc/.fetched-$(shell cksum bench/vs_neo4j_graphql/pom.xml | cut -d' ' -f1)
$(APOC_STAMP): bench/vs_neo4j_graphql/pom.xml
	rm -rf .cache/neo4j/apoc
	mvn -B -q -f bench/vs_neo4j_graphql/pom.xml dependency:copy-dependencies -Dapoc.dir=$(CURDIR)/.cache/neo4j/apoc
	touch $(APOC_STAMP)

# $(TEST_STAMP): the dev extras bring httpx2, the benchmark's HTTP client.
bench-vs-neo4j-graphql: $(TEST_STAMP) $(VS_NEO4J_GRAPHQL_MODULES) $(APOC_STAMP)
	$(PY) bench/vs_neo4j_graphql_bench.py $(ARGS)

clean:
	rm -rf $(VENV) .cache .pytest_cache
