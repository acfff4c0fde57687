package io.github.py2sfn.tasktools.autoconfigure.task;

import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.lang.reflect.Type;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * Registers every {@link TaskHandler} bean with Spring Cloud Function's registry under its bean
 * name, once all singletons exist and before the AWS adapter looks its function up.
 */
public final class TaskHandlerRegistrar implements SmartInitializingSingleton {

  private static final Type MESSAGE_OF_OBJECT =
      ResolvableType.forClassWithGenerics(Message.class, Object.class).getType();

  private final ConfigurableListableBeanFactory beanFactory;
  private final FunctionRegistry registry;
  private final ObjectMapper mapper;
  private final TaskContextFactory contexts;

  /**
   * Creates the registrar.
   *
   * @param beanFactory where the task beans are
   * @param registry Spring Cloud Function's registry
   * @param mapper the JSON mapper Spring Cloud Function uses
   * @param contexts creates each invocation's context
   */
  public TaskHandlerRegistrar(
      ConfigurableListableBeanFactory beanFactory,
      FunctionRegistry registry,
      ObjectMapper mapper,
      TaskContextFactory contexts) {
    this.beanFactory = beanFactory;
    this.registry = registry;
    this.mapper = mapper;
    this.contexts = contexts;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterSingletonsInstantiated() {
    for (String name : beanFactory.getBeanNamesForType(TaskHandler.class)) {
      ResolvableType handlerType = beanType(name).as(TaskHandler.class);
      ResolvableType input = handlerType.getGeneric(0);
      ResolvableType output = handlerType.getGeneric(1);
      if (input.resolve() == null) {
        throw new IllegalStateException(
            "Cannot resolve the input type of TaskHandler bean '"
                + name
                + "': declare the bean as TaskHandler<Input, Output> (e.g. the @Bean method's return"
                + " type), not as a raw TaskHandler");
      }
      TaskHandlerFunction function =
          new TaskHandlerFunction(
              name,
              beanFactory.getBean(name, TaskHandler.class),
              mapper.constructType(input.getType()),
              mapper,
              contexts);
      Type outputType = output.resolve() != null ? output.getType() : Object.class;
      registry.register(
          new FunctionRegistration<>(function, name)
              .type(FunctionTypeUtils.functionType(MESSAGE_OF_OBJECT, outputType)));
    }
  }

  private ResolvableType beanType(String name) {
    if (beanFactory.containsBeanDefinition(name)) {
      ResolvableType declared = beanFactory.getMergedBeanDefinition(name).getResolvableType();
      if (declared.as(TaskHandler.class).getGeneric(0).resolve() != null) {
        return declared;
      }
    }
    return ResolvableType.forClass(beanFactory.getType(name));
  }
}
