@BoundedContext("buying")
package dev.contextdb.boot.jpacross.buying;

import dev.contextdb.BoundedContext;
