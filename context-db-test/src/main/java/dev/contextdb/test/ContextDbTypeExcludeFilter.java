package dev.contextdb.test;

import dev.contextdb.ContextDefinition;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps component scanning to the tested context's packages: every other component of the
 * application (other contexts', the web layer's, shared configuration) is left out, as Boot's test
 * slices leave out what is not theirs. Explicit {@code @Import}s of the test still apply.
 */
final class ContextDbTypeExcludeFilter extends TypeExcludeFilter {

    private final ContextDefinition tested;

    ContextDbTypeExcludeFilter(ContextDefinition tested) {
        this.tested = tested;
    }

    @Override
    public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory) {
        String className = metadataReader.getClassMetadata().getClassName();
        int dot = className.lastIndexOf('.');
        return !tested.owns(dot < 0 ? "" : className.substring(0, dot));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextDbTypeExcludeFilter filter && filter.tested.equals(tested);
    }

    @Override
    public int hashCode() {
        return tested.hashCode();
    }
}
