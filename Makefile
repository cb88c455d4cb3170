# Two commands: `make run` brings the product up; `make test` runs every suite.
.PHONY: run test build bench clean-data

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

build:
	dotnet tool restore >/dev/null
	dotnet build Crm.Api.sln -c Release

clean-data:
	@bash scripts/pg.sh stop .data/pg; rm -rf .data
