# Two commands: `make run` brings the product up; `make test` runs every suite.
.PHONY: run test build bench clean-data

N ?= 1000000

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

# API vs. raw PostgreSQL side by side (bench/README.md); `make bench N=100000` for a shorter run.
bench:
	@bash bench/run.sh $(N)

build:
	dotnet tool restore >/dev/null
	dotnet build Crm.Api.sln -c Release

clean-data:
	@bash scripts/pg.sh stop .data/pg; rm -rf .data
