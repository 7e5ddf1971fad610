@BoundedContext("inside")
package dev.contextdb.boot.jpaoutside.inside;

import dev.contextdb.BoundedContext;
