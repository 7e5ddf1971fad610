@BoundedContext("crm")
package dev.contextdb.boot.jpacross.crm;

import dev.contextdb.BoundedContext;
