/**
 * ArchUnit rules for context-db: bounded contexts keep out of each other's data, checked in the
 * consumer's build. Start at {@link dev.contextdb.archunit.ContextDbRules}.
 */
package dev.contextdb.archunit;
