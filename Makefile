# Two commands for a newcomer (see README.md):
#   make serve   set up, build the book (every notebook executed) and serve it on 127.0.0.1
#   make test    set up and run every test (models, data, notebooks, the strict build, the browser)
#   make check   lint and the model, data and chart tests, in under a minute

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup build student serve test check bench bench-live lab chromium publish clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

# The book, its printable handouts, and the student edition inside it (_build/html/student/).
build: setup chromium
	$(BIN)/python -m explainer.book.build

# Only the student edition's build, as published under student/ by `make build`.
student: build
	@echo "Student edition: _build/html/student/index.html"

serve: build
	@echo ""
	@echo "The book is served at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

chromium:
	@if [ ! -x "$(CHROMIUM)" ] && ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is needed for the browser tests: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

test: setup chromium
	$(BIN)/python -m pytest --nbval-lax

# The quick loop (under a minute): lint and format check, then the model, data and chart tests,
# on two processes (pytest-xdist).
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -p no:nbval -n 2 -m "not browser and not build and not slow" tests

# The benchmark: live panels, page weight and first chart, build times, nbval -> bench/results/
bench: build
	$(BIN)/python bench/run.py

# Only the live panels (in a real kernel), without building the book
bench-live: setup chromium
	$(BIN)/python bench/run.py --live-only

lab: setup
	$(BIN)/jupyter lab book/

# Publish the built HTML to the gh-pages branch of the remote REMOTE (default: origin).
REMOTE ?= origin
publish: build
	$(BIN)/ghp-import --no-jekyll --push --force --remote $(REMOTE) _build/html

clean:
	rm -rf _build
