using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// The container's kernel when its plugins are registered across several types: one <c>services.AddKernel()</c> in
    /// the project, and <c>services.AddSingleton(KernelPluginFactory.CreateFromType&lt;T&gt;())</c> in registration
    /// methods of other classes (<c>services.AddOrderPlugins()</c>). Semantic Kernel's <c>AddKernel()</c> gives its kernel
    /// every unkeyed <c>KernelPlugin</c> of the container, so these plugins are one catalog.
    /// </summary>
    /// <remarks>
    /// Only registrations that surely reach that container are summed: a statement of the block that calls
    /// <c>AddKernel()</c> on the same service collection (not under a condition, in a loop or a lambda, not after an early
    /// exit), or a statement of the same kind in a source method such a statement calls with that collection, written on
    /// the parameter it was given. Anything else (a registration under <c>if</c>, in a method called from elsewhere or
    /// from nowhere, two <c>AddKernel()</c> calls, plugins on the builder <c>AddKernel()</c> returns) is not summed here:
    /// the per-type sum (<see cref="KernelPlugins"/>) keeps its own answer.
    /// </remarks>
    internal sealed class ProjectContainerKernel
    {
        private static readonly HashSet<string> AddKernelName = new HashSet<string> { "AddKernel" };

        private ProjectContainerKernel(IInvocationOperation addKernel, INamedTypeSymbol owner, List<IInvocationOperation> registrations)
        {
            AddKernel = addKernel;
            Owner = owner;
            Registrations = registrations;
        }

        /// <summary>The project's one <c>services.AddKernel()</c> call, where the total is reported.</summary>
        public IInvocationOperation AddKernel { get; }

        /// <summary>The type declaring that call: its analysis reports the total.</summary>
        public INamedTypeSymbol Owner { get; }

        /// <summary>The <c>KernelPluginFactory</c> calls registered in the container that surely run with <see cref="AddKernel"/>.</summary>
        public List<IInvocationOperation> Registrations { get; }

        /// <summary>Null unless the project has one <c>AddKernel()</c> whose surely-run registrations span several types.</summary>
        public static ProjectContainerKernel? Find(ProjectCatalogs project)
        {
            IInvocationOperation? addKernel = null;
            foreach (var invocation in SourceBodies.InvocationsNamed(project.Compilation, AddKernelName, project.CancellationToken))
            {
                if (!IsAddKernel(invocation.TargetMethod))
                {
                    continue;
                }

                if (addKernel != null)
                {
                    // Two kernels in the container's code: which one a plugin reaches is not known.
                    return null;
                }

                addKernel = invocation;
            }

            // `services.AddKernel();` or `services.AddKernel().AddOpenAIChatCompletion(...)`: a statement of a block, whose
            // builder gets no plugins (plugins on the builder are the per-type sum's).
            if (addKernel == null
                || Statement(addKernel) is not { Parent: IBlockOperation block } statement
                || AddsBuilderPlugins(statement)
                || ServicesKey(TypeIndex.Receiver(addKernel)) is not { } services
                || addKernel.SemanticModel?.GetEnclosingSymbol(addKernel.Syntax.SpanStart, project.CancellationToken)?.ContainingType is not { } owner)
            {
                return null;
            }

            var registrations = new List<IInvocationOperation>();
            var spansTypes = false;
            foreach (var other in SurelyRun(block, statement))
            {
                if (Registration(other, services) is { } direct)
                {
                    registrations.Add(direct);
                    continue;
                }

                foreach (var call in ChainCalls(other))
                {
                    foreach (var registration in RegistrationsOfHelper(call, services, project))
                    {
                        registrations.Add(registration);
                        spansTypes |= !SymbolEqualityComparer.Default.Equals(ContainingType(registration, project), owner);
                    }
                }
            }

            return spansTypes ? new ProjectContainerKernel(addKernel, owner, registrations) : null;
        }

        /// <summary>Semantic Kernel's <c>services.AddKernel()</c>.</summary>
        internal static bool IsAddKernel(IMethodSymbol method) =>
            method.Name == "AddKernel" && method.ContainingType?.Name == "KernelServiceCollectionExtensions"
            && method.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection";

        private static INamedTypeSymbol? ContainingType(IOperation operation, ProjectCatalogs project) =>
            operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart, project.CancellationToken)?.ContainingType;

        /// <summary>The statement directly holding an expression (through a fluent chain and an <c>await</c>).</summary>
        private static IOperation? Statement(IOperation operation)
        {
            // `services.AddKernel().AddOpenAIChatCompletion(...)`: the builder is the next call's `this` argument.
            var current = operation.Parent;
            while (current is IInvocationOperation or IArgumentOperation or IConversionOperation or IAwaitOperation or IPropertyReferenceOperation)
            {
                current = current.Parent;
            }

            return current is IExpressionStatementOperation or IReturnOperation ? current : null;
        }

        private static bool AddsBuilderPlugins(IOperation statement)
        {
            foreach (var operation in statement.DescendantsAndSelf())
            {
                if (KernelPlugins.IsPluginsProperty(operation))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The statements of <paramref name="block"/> that run whenever <paramref name="anchor"/> does: those before it, and
        /// those after it up to the first statement that can leave the block (a return, throw, break, goto or yield
        /// break, anywhere in it outside lambdas).
        /// </summary>
        private static IEnumerable<IOperation> SurelyRun(IBlockOperation block, IOperation anchor)
        {
            var after = false;
            foreach (var statement in block.Operations)
            {
                if (statement == anchor)
                {
                    after = true;
                    continue;
                }

                if (after && CanLeave(statement))
                {
                    // This statement may still run in full, but not surely: stop before it.
                    yield break;
                }

                yield return statement;
            }
        }

        // A lambda's or local function's own returns (`sp => KernelPluginFactory...`) do not leave the block.
        private static bool CanLeave(IOperation statement)
        {
            if (statement is IReturnOperation or IThrowOperation or IBranchOperation)
            {
                return true;
            }

            foreach (var child in statement.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation) && CanLeave(child))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The factory call of a container registration that is the whole statement (<c>services.AddSingleton(KernelPluginFactory...)</c>,
        /// or the last of a chain of them) on the given service collection; null otherwise.
        /// </summary>
        private static IInvocationOperation? Registration(IOperation statement, object services)
        {
            var expression = statement switch
            {
                IExpressionStatementOperation expressionStatement => expressionStatement.Operation,
                IReturnOperation { ReturnedValue: { } value } => value,
                _ => null,
            };
            if (TypeIndex.Strip(expression) is not IInvocationOperation register
                || ServicesKey(TypeIndex.Receiver(register)) is not { } key || !KeyComparer.Same(key, services))
            {
                return null;
            }

            foreach (var operation in register.Descendants())
            {
                if (operation is IInvocationOperation factory && KernelPlugins.IsRegistration(factory.TargetMethod) && KernelPlugins.IsFactory(factory.TargetMethod)
                    && TypeIndex.ContainerRegistration(factory) == register)
                {
                    return factory;
                }
            }

            return null;
        }

        /// <summary>The calls of a statement's fluent chain (<c>services.AddOrders().AddBilling()</c>: both).</summary>
        private static IEnumerable<IInvocationOperation> ChainCalls(IOperation statement)
        {
            var current = statement switch
            {
                IExpressionStatementOperation expressionStatement => TypeIndex.Strip(expressionStatement.Operation),
                _ => null,
            };
            while (current is IInvocationOperation invocation)
            {
                yield return invocation;
                current = TypeIndex.Strip(TypeIndex.Receiver(invocation));
            }
        }

        /// <summary>
        /// <c>services.AddOrderPlugins()</c>: a source method given the collection whose body's own statements register on
        /// that parameter. Only its surely-run statements (before any early exit) count, one level deep.
        /// </summary>
        private static IEnumerable<IInvocationOperation> RegistrationsOfHelper(IInvocationOperation call, object services, ProjectCatalogs project)
        {
            var method = call.TargetMethod;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || !project.IsInSource(method))
            {
                yield break;
            }

            if (ServicesParameter(call, services, project, depth: 0) is not { } parameter)
            {
                yield break;
            }

            foreach (var body in SourceBodies.GetBodies(method.OriginalDefinition, project.Compilation, project.CancellationToken))
            {
                var block = body switch
                {
                    IMethodBodyOperation { BlockBody: { } blockBody } => blockBody,
                    IMethodBodyOperation { ExpressionBody: { } expressionBody } => expressionBody,
                    IBlockOperation plain => plain,
                    _ => null,
                };
                if (block == null || Reassigns(block, parameter))
                {
                    continue;
                }

                foreach (var statement in block.Operations)
                {
                    if (CanLeave(statement) && statement is not IReturnOperation)
                    {
                        break;
                    }

                    if (Registration(statement, parameter.OriginalDefinition) is { } registration)
                    {
                        yield return registration;
                    }

                    if (statement is IReturnOperation)
                    {
                        break;
                    }
                }
            }
        }

        /// <summary>
        /// The parameter of the called method that receives the service collection: passed directly, or as the result of
        /// a helper earlier in the chain that returns the collection it was given (<c>services.AddOrders().AddBilling()</c>).
        /// </summary>
        private static IParameterSymbol? ServicesParameter(IInvocationOperation call, object services, ProjectCatalogs project, int depth)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter == null)
                {
                    continue;
                }

                if (ServicesKey(argument.Value) is { } key && KeyComparer.Same(key, services))
                {
                    return argument.Parameter;
                }

                if (depth < 4 && TypeIndex.Strip(argument.Value) is IInvocationOperation inner && ReturnsServices(inner, services, project, depth + 1))
                {
                    return argument.Parameter;
                }
            }

            return null;
        }

        // `return services;` or `=> services.AddSingleton(...)` (the container's Add methods return the collection they
        // are called on), in every return of a source method given the collection.
        private static bool ReturnsServices(IInvocationOperation call, object services, ProjectCatalogs project, int depth)
        {
            var method = call.TargetMethod;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || !project.IsInSource(method)
                || ServicesParameter(call, services, project, depth) is not { } parameter)
            {
                return false;
            }

            var values = project.ReturnedValues(method.OriginalDefinition);
            if (values.Count == 0)
            {
                return false;
            }

            foreach (var value in values)
            {
                var returned = TypeIndex.Strip(value);
                while (returned is IInvocationOperation { TargetMethod.ContainingType: { Name: "ServiceCollectionServiceExtensions" } } add)
                {
                    returned = TypeIndex.Strip(TypeIndex.Receiver(add));
                }

                if (returned is not IParameterReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Reassigns(IOperation body, IParameterSymbol parameter)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IAssignmentOperation { Target: IParameterReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What identifies a service collection: its parameter or local (<c>services</c>), or the <c>Services</c> property
        /// of a builder held in a local, field or parameter (<c>builder.Services</c>).
        /// </summary>
        internal static object? ServicesKey(IOperation? services)
        {
            services = TypeIndex.Strip(services);
            if (services is IParameterReferenceOperation parameter)
            {
                return parameter.Parameter.OriginalDefinition;
            }

            if (TypeIndex.Holder(services) is { } holder)
            {
                return holder;
            }

            return services is IPropertyReferenceOperation { Property.Name: "Services" } property && TypeIndex.Holder(property.Instance) is { } builder
                ? new BuilderServices(property.Property.OriginalDefinition, builder)
                : null;
        }

        /// <summary><c>builder.Services</c>: the property and the builder's holder.</summary>
        internal sealed class BuilderServices
        {
            public BuilderServices(ISymbol property, ISymbol builder)
            {
                Property = property;
                Builder = builder;
            }

            public ISymbol Property { get; }

            public ISymbol Builder { get; }
        }

        internal static class KeyComparer
        {
            public static bool Same(object x, object y) => x switch
            {
                ISymbol a => y is ISymbol b && SymbolEqualityComparer.Default.Equals(a, b),
                BuilderServices a => y is BuilderServices b
                    && SymbolEqualityComparer.Default.Equals(a.Property, b.Property) && SymbolEqualityComparer.Default.Equals(a.Builder, b.Builder),
                _ => false,
            };
        }
    }
}
