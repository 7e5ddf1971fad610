/**
 * context-db-core's machinery: not API, and no other module may use it (an ArchUnit test of the
 * project checks). {@code ContextDb.Builder#build()} runs it as a pipeline:
 *
 * <ol>
 * <li>{@link dev.contextdb.internal.Settings}: the builder's settings, frozen;</li>
 * <li>{@link dev.contextdb.internal.Planner}: a pure {@link dev.contextdb.internal.Plan} from the
 *     model and the settings, one method per strategy, where every configuration error surfaces
 *     before a connection is opened; how each context reaches its schema is one
 *     {@link dev.contextdb.internal.SchemaAccess};</li>
 * <li>{@link dev.contextdb.internal.Startup}: roles ({@code RoleSetup}), schemas ({@code SchemaSetup}),
 *     pools, each context's {@link dev.contextdb.internal.ContextDataSource} and
 *     {@link dev.contextdb.internal.ContextTransactionManager}, migrations ({@code MigrationRun}),
 *     routing; closed again if a step fails;</li>
 * <li>{@link dev.contextdb.internal.Started}: what the thin {@code ContextDb} facade hands out.</li>
 * </ol>
 *
 * At run time, connections pass through {@link dev.contextdb.internal.ContextDataSource} (share of
 * a shared pool, schema switch, {@link dev.contextdb.internal.GuardCheck}) and
 * {@code ContextConnection} (puts a moved schema back on close).
 */
package dev.contextdb.internal;
