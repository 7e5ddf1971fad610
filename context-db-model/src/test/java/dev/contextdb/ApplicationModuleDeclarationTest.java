package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.modulithfixture.shop.inventory.Stock;
import dev.contextdb.modulithfixture.shop.orders.Order;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;

/**
 * Spring Modulith's {@code @ApplicationModule} declares a context, read by name from the class
 * files; the fixtures carry the real annotation from {@code spring-modulith-api}.
 */
class ApplicationModuleDeclarationTest {

    private static final String SHOP = "dev.contextdb.modulithfixture.shop";

    @Test
    void theRecognisedNameIsModulithsOwnAnnotation() {
        assertThat(ContextDefinition.DECLARING_ANNOTATIONS).containsExactly(BoundedContext.class.getName(),
                "org.jmolecules.ddd.annotation.BoundedContext", ApplicationModule.class.getName());
    }

    @Test
    void aModuleIsAContextNamedByItsIdElseItsPackageWithNoReads() {
        ContextModel model = ContextModel.scan(SHOP);

        assertThat(model.names()).containsExactlyInAnyOrder("orders", "stock", "invoicing", "shipping");
        assertThat(model.contextOf(Order.class)).map(ContextDefinition::name).contains("orders");
        assertThat(model.contextOf(Stock.class)).map(ContextDefinition::name).contains("stock");
        assertThat(model.context("orders")).map(ContextDefinition::source)
                .contains("Spring Modulith @ApplicationModule on package-info of " + SHOP + ".orders");
        // allowedDependencies = "orders" is about code; it declares no read of orders' data.
        assertThat(model.context("stock")).map(ContextDefinition::reads).contains(List.of());
        assertThat(model.context("shipping")).map(ContextDefinition::source)
                .contains("Spring Modulith @ApplicationModule on type " + SHOP + ".shipping.ModuleMetadata");
    }

    @Test
    void contextDbsAnnotationWinsOverModulithsOnTheSamePackage() {
        ContextModel model = ContextModel.scan(SHOP);

        assertThat(model.names()).doesNotContain("billing");
        assertThat(model.context("invoicing")).contains(new ContextDefinition("invoicing", SHOP + ".billing",
                List.of("orders"), "@BoundedContext on package-info of " + SHOP + ".billing"));
    }

    @Test
    void declaredByReadsTheAttributesTheWayTheScanDoes() {
        assertThat(ContextDefinition.declaredBy("com.acme.shop.orders.package-info", ApplicationModule.class.getName(),
                Map.of("id", "", "displayName", "Orders", "allowedDependencies", new Object[] {"catalog"})))
                .contains(new ContextDefinition("orders", "com.acme.shop.orders", List.of(),
                        "Spring Modulith @ApplicationModule on package-info of com.acme.shop.orders"));
        assertThat(ContextDefinition.declaredBy("com.acme.shop.orders.package-info", ApplicationModule.class.getName(),
                Map.of("id", "purchasing"))).map(ContextDefinition::name).contains("purchasing");
    }

    @Test
    void anIdThatIsNoContextNameIsAStartupErrorNamingTheDeclaration() {
        assertThatThrownBy(() -> ContextModel.scan("dev.contextdb.modulithfixture.invalid"))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Context name 'Order-Management' declared by Spring Modulith @ApplicationModule on"
                        + " package-info of dev.contextdb.modulithfixture.invalid.orders is invalid: a context name"
                        + " must match [a-z][a-z0-9_]{0,47}. Fix: use lower-case letters, digits and underscores,"
                        + " starting with a letter, at most 48 characters,"
                        + " for example @ApplicationModule(id = \"order_management\").")
                .extracting(e -> ((ContextDbConfigurationException) e).getProperty()).isEqualTo("@ApplicationModule");
    }
}
