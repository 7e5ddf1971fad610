@BoundedContext("billing")
package com.example.consumer.billing;

import dev.contextdb.BoundedContext;
