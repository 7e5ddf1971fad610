package dev.contextdb.boot;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypesScanner;

/**
 * The JPA managed types of the application, by context: the entities, embeddables, mapped
 * superclasses and converters in each context's packages (found by reading class files, as
 * Spring's scanner does, without loading them). Those outside every context (a shared kernel's
 * embeddables, mapped superclasses and converters) belong to every context's unit; an entity
 * outside every context is a start-up error, since no persistence unit would hold it.
 */
final class ContextEntities {

    private static final String ENTITY = "jakarta.persistence.Entity";
    private static final Set<String> RELATIONSHIPS = Set.of("jakarta.persistence.ManyToOne",
            "jakarta.persistence.OneToOne", "jakarta.persistence.OneToMany", "jakarta.persistence.ManyToMany",
            "jakarta.persistence.ElementCollection");

    private final Map<String, List<String>> classesByContext;
    private final Map<String, List<String>> packagesByContext;
    private final List<String> sharedClasses;
    private final List<String> sharedPackages;

    private ContextEntities(Map<String, List<String>> classesByContext, Map<String, List<String>> packagesByContext,
            List<String> sharedClasses, List<String> sharedPackages) {
        this.classesByContext = classesByContext;
        this.packagesByContext = packagesByContext;
        this.sharedClasses = sharedClasses;
        this.sharedPackages = sharedPackages;
    }

    /**
     * @param model the contexts
     * @param basePackages where the application's classes are (the packages the model was scanned in)
     * @param resourceLoader the application's
     * @return the managed types by context
     */
    static ContextEntities scan(ContextModel model, List<String> basePackages, ResourceLoader resourceLoader) {
        List<String> packages = new ArrayList<>(basePackages);
        for (ContextDefinition context : model.contexts()) {
            if (packages.stream().noneMatch(base -> context.owns(base) || owns(base, context.basePackage()))) {
                packages.add(context.basePackage());
            }
        }
        PersistenceManagedTypes found = new PersistenceManagedTypesScanner(resourceLoader)
                .scan(packages.toArray(String[]::new));
        Map<String, List<String>> classes = new LinkedHashMap<>();
        Map<String, List<String>> packageInfos = new LinkedHashMap<>();
        List<String> sharedClasses = new ArrayList<>();
        List<String> sharedPackages = new ArrayList<>();
        MetadataReaderFactory readers = new CachingMetadataReaderFactory(resourceLoader);
        for (String className : found.getManagedClassNames()) {
            Optional<ContextDefinition> owner = model.contextOf(className);
            if (owner.isPresent()) {
                classes.computeIfAbsent(owner.get().name(), name -> new ArrayList<>()).add(className);
            } else if (isEntity(readers, className)) {
                throw new ContextDbConfigurationException(null, "@BoundedContext",
                        "Entity " + className + " belongs to no bounded context, so no persistence unit holds it:"
                                + " every context with entities has a unit of its own. Contexts: " + model.names() + ".",
                        "move the entity into the package of the context that owns its table.");
            } else {
                sharedClasses.add(className);
            }
        }
        for (String packageName : found.getManagedPackages()) {
            Optional<ContextDefinition> owner = model.contextOfPackage(packageName);
            if (owner.isPresent()) {
                packageInfos.computeIfAbsent(owner.get().name(), name -> new ArrayList<>()).add(packageName);
            } else {
                sharedPackages.add(packageName);
            }
        }
        return new ContextEntities(classes, packageInfos, sharedClasses, sharedPackages);
    }

    private static boolean owns(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer + ".");
    }

    private static boolean isEntity(MetadataReaderFactory readers, String className) {
        try {
            return readers.getMetadataReader(className).getAnnotationMetadata().hasAnnotation(ENTITY);
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the contexts that have entities of their own, sorted as the model sorts them */
    List<String> contexts() {
        return List.copyOf(classesByContext.keySet());
    }

    /** @return whether the context has managed types of its own */
    boolean has(String context) {
        return classesByContext.containsKey(context);
    }

    /** @return the context's unit: its own managed types, then the shared ones */
    PersistenceManagedTypes managedTypes(String context) {
        List<String> classes = new ArrayList<>(classesByContext.getOrDefault(context, List.of()));
        classes.addAll(sharedClasses);
        List<String> packages = new ArrayList<>(packagesByContext.getOrDefault(context, List.of()));
        packages.addAll(sharedPackages);
        return PersistenceManagedTypes.of(classes, packages);
    }

    /**
     * Fails when one of the context's managed types maps a relationship to an entity of another
     * context: before Hibernate does, with the two classes, their contexts and the fix.
     *
     * @param context the context
     * @param model the contexts
     * @param classLoader where the entity classes are
     */
    void checkRelationships(String context, ContextModel model, ClassLoader classLoader) {
        for (String className : classesByContext.getOrDefault(context, List.of())) {
            Class<?> type;
            try {
                type = Class.forName(className, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // Hibernate reports a class it cannot load, with its own message.
            }
            for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
                for (Field field : level.getDeclaredFields()) {
                    check(context, model, type, field.getName(), field, field.getType(), field.getGenericType());
                }
                for (Method method : level.getDeclaredMethods()) {
                    if (method.getParameterCount() == 0 && method.getReturnType() != void.class) {
                        check(context, model, type, method.getName() + "()", method, method.getReturnType(),
                                method.getGenericReturnType());
                    }
                }
            }
        }
    }

    private static void check(String context, ContextModel model, Class<?> owner, String member,
            AnnotatedElement element, Class<?> rawType, Type genericType) {
        for (Annotation annotation : element.getAnnotations()) {
            String kind = annotation.annotationType().getName();
            if (!RELATIONSHIPS.contains(kind)) {
                continue;
            }
            Class<?> target = target(annotation, rawType, genericType);
            if (target == null) {
                continue;
            }
            Optional<ContextDefinition> other = model.contextOf(target);
            boolean collectionOfValues = kind.equals("jakarta.persistence.ElementCollection") && !isEntity(target);
            if (other.isPresent() && !other.get().name().equals(context) && !collectionOfValues) {
                String relationship = "@" + annotation.annotationType().getSimpleName();
                throw new ContextDbConfigurationException(context, "@BoundedContext",
                        "Entity " + owner.getName() + " of context '" + context + "' maps a " + relationship
                                + " relationship (" + owner.getSimpleName() + "." + member + ") to " + target.getName()
                                + " of context '" + other.get().name() + "': each context's entities are a persistence"
                                + " unit of their own, and one context does not map another's data.",
                        "reference the " + target.getSimpleName() + " by its id instead (a plain column such as "
                                + decapitalize(target.getSimpleName()) + "Id) and ask context '" + other.get().name()
                                + "' for it through its API or events.");
            }
        }
    }

    private static boolean isEntity(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(ENTITY)) {
                return true;
            }
        }
        return false;
    }

    /** The related type: the annotation's targetEntity/targetClass, else the member's (element) type. */
    private static Class<?> target(Annotation annotation, Class<?> rawType, Type genericType) {
        for (String attribute : new String[] {"targetEntity", "targetClass"}) {
            try {
                Object value = annotation.annotationType().getMethod(attribute).invoke(annotation);
                if (value instanceof Class<?> explicit && explicit != void.class) {
                    return explicit;
                }
            } catch (ReflectiveOperationException e) {
                // Not an attribute of this annotation.
            }
        }
        if (java.util.Collection.class.isAssignableFrom(rawType) || Map.class.isAssignableFrom(rawType)) {
            if (genericType instanceof ParameterizedType parameterized) {
                Type[] arguments = parameterized.getActualTypeArguments();
                Type element = arguments[arguments.length - 1];
                if (element instanceof Class<?> elementClass) {
                    return elementClass;
                }
                if (element instanceof ParameterizedType elementType && elementType.getRawType() instanceof Class<?> raw) {
                    return raw;
                }
            }
            return null;
        }
        if (rawType.isArray()) {
            return rawType.getComponentType();
        }
        return rawType;
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
