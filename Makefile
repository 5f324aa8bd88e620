# Promptly: `make run` starts the tray app, `make test` passes the whole suite.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# Debian packages for the real-desktop tests (display, tray, notifications, keyring, screenshots).
DESKTOP_DEBS := xvfb trayer dunst libnotify-bin libglib2.0-bin dbus-x11 gnome-keyring xdotool x11-utils \
	imagemagick poppler-utils desktop-file-utils appstream \
	libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
	libxcb-xinerama0 libxcb-xkb1 libdbus-1-3 fonts-dejavu-core
# Debian packages for the tests that start servers of their own, in temp dirs on free ports
# (tests/servers/): the storage tests run on PostgreSQL as well as on SQLite; mail capture
# runs against Dovecot.
SERVER_DEBS := postgresql dovecot-imapd

.PHONY: run test bench desktop-deps server-deps translations package clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

run: $(STAMP) translations
	$(VENV)/bin/promptly

# $(call debs,PACKAGES,WHICH): as root, install the missing Debian packages; otherwise the
# tests that need them are skipped, saying what is missing.
define debs
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian packages for the $(2) tests:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else echo "The $(2) tests will be skipped; missing Debian packages:" $$missing; fi; \
	fi
endef

desktop-deps:
	$(call debs,$(DESKTOP_DEBS),desktop)

server-deps:
	$(call debs,$(SERVER_DEBS),server)

test: $(STAMP) desktop-deps server-deps translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m tests.bench $(ONLY)

# Qt translations: pyside6-lupdate collects every tr() string of ui/ into the committed .ts files
# (new ones appear untranslated, plus the module wrappers lupdate cannot see), then
# pyside6-lrelease builds the .qm files the app loads (build products, gitignored).
translations: $(STAMP)
	$(PY) packaging/update_translations.py

# A one-folder PyInstaller build in dist/promptly (start dist/promptly/promptly); takes minutes.
package: $(STAMP) translations
	$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/promptly.spec
	@echo "Built dist/promptly/promptly"

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
