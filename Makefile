# Operation targets (seed 000): the daemon, the tests, the linters, the emergency flatten.
.PHONY: run test lint halt

# Starts the stream daemon in the foreground (deploy/ has the systemd unit and the tmux script).
run:
	node --max-semi-space-size=4 bin/strikeline.js stream

test:
	npm test

lint:
	npm run lint

# Emergency stop: creates killswitch/HALT, cancels every order, closes every position. REASON="..." to say why.
halt:
	node bin/strikeline.js halt --reason "$(if $(REASON),$(REASON),make halt)"
