# Two commands on a fresh machine (Python 3.10+ and make):
#   make lab    set up .venv and open the notebooks in JupyterLab (the main job)
#   make test   set up .venv and run the whole test suite (what CI runs)
# and, beside them:
#   make report execute every notebook on a fresh kernel into an HTML report (build/report/)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab settings for this environment only: no "Jupyter news" pop-up and no update
# check (both would go to the network), and the kernel starts without asking which one.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_SETTINGS  := {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}, "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": true}}

.PHONY: setup lab report test corpus bench clean

setup: $(STAMP) $(LAB_OVERRIDES)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(LAB_OVERRIDES): Makefile $(STAMP)
	mkdir -p $(dir $@)
	printf '%s\n' '$(LAB_SETTINGS)' > $@

# JupyterLab refuses to start as root unless told (containers, CI machines).
LAB_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: setup
	$(BIN)/jupyter lab $(LAB_ROOT) notebooks/

report: setup
	$(BIN)/python -m discourse.report notebooks build/report

test: setup
	$(BIN)/python -m pytest

# Benchmarks on ../shared/bench/ (each stage against a peer; see benchmarks/run.py), then the
# published tables of benchmarks/README.md regenerated from benchmarks/results/*.csv.
bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/report.py

# Rebuild the bundled corpus from the raw seed files in data/raw/seeds/.
corpus: $(STAMP)
	$(BIN)/discourse import data/raw/seeds -o data/corpora/poverty_alleviation.jsonl --force

clean:
	rm -rf $(VENV) build .pytest_cache
