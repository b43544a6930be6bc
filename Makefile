# make run: install what is missing, build, and open the reader on articles/.
# make test: what CI runs (.ci/run): install, lint, build, and every test, tmux ones required.
.PHONY: deps run test lint build format

deps:
	@scripts/install-deps

run: deps
	swift build
	.build/debug/gloss --library articles

lint:
	swift format lint --strict --recursive Sources Tests

format:
	swift format format --in-place --recursive Sources Tests

build: deps
	swift build

test: deps lint
	swift build --build-tests
	CI=$${CI:-true} LANG=$${LANG:-C.UTF-8} swift test --skip-build
