# Two commands on a fresh machine (Python 3.10+ and make):
#   make lab    set up .venv and open the notebooks in JupyterLab (the main job)
#   make test   set up .venv and run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab report test corpus bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

report: $(STAMP)
	$(BIN)/python -m discourse.report notebooks build/report

test: $(STAMP)
	$(BIN)/python -m pytest

# Rebuild the bundled corpus from the raw seed files in data/raw/seeds/.
corpus: $(STAMP)
	$(BIN)/discourse import data/raw/seeds -o data/corpora/poverty_alleviation.jsonl --force

clean:
	rm -rf $(VENV) build .pytest_cache
