@BoundedContext
package dev.contextdb.modelfixture.billing;

import dev.contextdb.BoundedContext;
