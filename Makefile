# Operation targets (seed 000): the daemon, the tests, the linters, the emergency flatten.
.PHONY: test lint

test:
	npm test

lint:
	npm run lint
