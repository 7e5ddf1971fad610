// After both invocations (invoker.properties): the move goal ran on the consumer's own application.
def log = new File(basedir, 'build.log').text
assert log.contains('--- context-db:') && log.contains(':move (default-cli) @ context-db-consumer-check') : 'the goal did not run'
assert log =~ /(?i)context 'shipping'[^\n]*\bH2\b/ : 'the goal did not plan the move of shipping up to its H2 refusal:\n' + log.readLines().findAll { it.contains('ERROR') }.take(10).join('\n')
return true
