package io.keyflow.lifecycle;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.keyflow.hsm.KeyVault;
import java.beans.Introspector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Which service tasks operate the key vault, found by their delegate rather than their name: the
 * delegate bean named in {@code ${...}} is looked up among Keyflow's classes, and its {@code
 * execute} is followed through the services it calls (a few levels deep) to a call on {@link
 * KeyVault}. A task that reaches the vault is an HSM step whatever it is called.
 */
final class VaultSteps {

  private static final int DEPTH = 4;

  private static final JavaClasses KEYFLOW =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.keyflow");

  private VaultSteps() {}

  static boolean operatesTheVault(String delegateExpression) {
    if (delegateExpression == null) {
      return false;
    }
    JavaClass delegate = delegate(delegateExpression.substring(2, delegateExpression.length() - 1));
    return reachesVault(delegate, execute(delegate), DEPTH, new HashSet<>());
  }

  /**
   * The delegate's {@code execute}, declared by it or by a base class (a template such as the
   * sweeps').
   */
  private static JavaCodeUnit execute(JavaClass delegate) {
    for (JavaClass type = delegate;
        ;
        type =
            type.getRawSuperclass()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            delegate.getName() + " has no execute(DelegateExecution)"))) {
      Optional<? extends JavaCodeUnit> execute =
          type.tryGetMethod("execute", DelegateExecution.class);
      if (execute.isPresent()) {
        return execute.get();
      }
    }
  }

  private static JavaClass delegate(String beanName) {
    return bean(beanName).orElseThrow(() -> new AssertionError("No class is the bean " + beanName));
  }

  /** The Keyflow class that is the Spring bean of this name, if any. */
  static Optional<JavaClass> bean(String beanName) {
    return KEYFLOW.stream()
        .filter(c -> c.isAnnotatedWith(Component.class) || c.isMetaAnnotatedWith(Component.class))
        .filter(c -> beanName.equals(beanName(c)))
        .findFirst();
  }

  private static String beanName(JavaClass type) {
    return type.tryGetAnnotationOfType(Component.class)
        .map(Component::value)
        .filter(name -> !name.isEmpty())
        .orElseGet(() -> Introspector.decapitalize(type.getSimpleName()));
  }

  /**
   * Follows the calls of {@code unit}; a call to a method the delegate overrides (a template's
   * abstract step) is followed into the delegate's own version too.
   */
  private static boolean reachesVault(
      JavaClass delegate, JavaCodeUnit unit, int depth, Set<JavaCodeUnit> seen) {
    if (!seen.add(unit)) {
      return false;
    }
    for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
      if (call.getTargetOwner().isAssignableTo(KeyVault.class)) {
        return true;
      }
      if (depth > 0 && call.getTargetOwner().getPackageName().startsWith("io.keyflow")) {
        List<JavaCodeUnit> targets =
            new ArrayList<>(call.getTarget().resolveMember().stream().toList());
        if (delegate.isAssignableTo(call.getTargetOwner().getName())) {
          delegate
              .tryGetMethod(
                  call.getName(),
                  call.getTarget().getRawParameterTypes().stream()
                      .map(JavaClass::getName)
                      .toArray(String[]::new))
              .ifPresent(targets::add);
        }
        for (JavaCodeUnit target : targets) {
          if (reachesVault(delegate, target, depth - 1, seen)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
