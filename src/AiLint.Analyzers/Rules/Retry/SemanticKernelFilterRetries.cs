using System.Collections.Concurrent;
using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A Semantic Kernel function-invocation filter that retries: its <c>OnFunctionInvocationAsync</c> calls
    /// <c>await next(context)</c> again after a failure (in a loop whose catch goes round, or in the catch of a try that
    /// called it), with the same context, whose arguments and execution settings it leaves as they were. <c>next(context)</c>
    /// runs the kernel function again with the same arguments: for a prompt function, the same request to the model.
    /// </summary>
    /// <remarks>
    /// The filter runs around every function of its kernel (C# plugin methods and tools as well as prompt functions), so
    /// the filter alone does not show that a model is called again. What is reported is a prompt call made on a kernel the
    /// code visibly gave such a filter, in the same method and before the call: <c>kernel.FunctionInvocationFilters.Add(new
    /// RetryFilter())</c>, or a kernel built from a builder whose <c>Services</c> got
    /// <c>AddSingleton&lt;IFunctionInvocationFilter&gt;(new RetryFilter())</c> (also <c>AddScoped</c>, <c>AddTransient</c>,
    /// and the <c>&lt;IFunctionInvocationFilter, RetryFilter&gt;</c> form). A filter that writes anything reached from the
    /// context other than its <c>Result</c> (<c>executionSettings.ModelId = fallbackModelId;</c> on settings taken from
    /// <c>context.Arguments</c>, <c>context.Arguments["input"] = shorter</c>), or hands the context or its arguments to
    /// code of the project, sends a different request: a fallback or reformulation, not a retry (SK's own
    /// <c>RetryWithFilters</c> sample switches the model this way). A catch that admits only a rate limit (HTTP 429) is not a
    /// retry AIL0001 is about (<see cref="RateLimitOnlyRetries"/>). A kernel the app's container builds gets the filters
    /// registered in that container (see the Container part); any other kernel from a parameter is not followed.
    /// </remarks>
    internal sealed partial class SemanticKernelFilterRetries
    {
        private const string FilterMethodName = "OnFunctionInvocationAsync";

        private readonly Compilation compilation;
        private readonly RateLimitOnlyRetries rateLimits;
        private readonly INamedTypeSymbol? filter;
        private readonly INamedTypeSymbol? kernel;
        private readonly IMethodSymbol? filterMethod;
        private readonly INamedTypeSymbol? kernelBuilder;
        private readonly INamedTypeSymbol? serviceCollection;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> retrying = new(SymbolEqualityComparer.Default);

        public SemanticKernelFilterRetries(Compilation compilation, RateLimitOnlyRetries rateLimits)
        {
            this.compilation = compilation;
            this.rateLimits = rateLimits;
            filter = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IFunctionInvocationFilter");
            kernel = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Kernel");
            filterMethod = filter?.GetMembers(FilterMethodName).OfType<IMethodSymbol>().FirstOrDefault();
            kernelBuilder = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IKernelBuilder");
            serviceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        }

        /// <summary>
        /// The filter retry around <paramref name="call"/>, a call that takes a kernel (<c>kernel.InvokePromptAsync</c>,
        /// <c>kernel.InvokeAsync(function)</c>, <c>function.InvokeAsync(kernel)</c>); null when the kernel is neither a local
        /// given a retrying filter before the call nor a kernel of a container a retrying filter is registered in. Whether
        /// the call is a prompt call is the recogniser's to say.
        /// </summary>
        public RetryContext? Find(IOperation call, CancellationToken cancellationToken)
        {
            if (filterMethod is null || kernel is null || call is not IInvocationOperation invocation)
            {
                return null;
            }

            foreach (var filterType in FiltersOf(invocation, cancellationToken))
            {
                if (Retries(filterType, cancellationToken))
                {
                    var name = "the function invocation filter " + filterType.Name;
                    return new RetryContext(RetryKind.Helper, name, invocation, anchor: null, attempts: null, unbounded: false);
                }
            }

            return null;
        }

        /// <summary>
        /// The filters the kernel of the call runs: those the method visibly gives its kernel local, then, for a kernel
        /// the app's container builds, those registered in that container.
        /// </summary>
        private IEnumerable<INamedTypeSymbol> FiltersOf(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (KernelLocal(invocation) is { } local)
            {
                foreach (var given in FiltersGivenTo(local, invocation))
                {
                    yield return given;
                }
            }

            if (FromContainer(invocation, cancellationToken))
            {
                foreach (var registered in ContainerFilters(cancellationToken))
                {
                    yield return registered;
                }
            }
        }

        /// <summary>The local holding the kernel the call runs on: its receiver or an argument of type <c>Kernel</c>.</summary>
        private ILocalSymbol? KernelLocal(IInvocationOperation invocation)
        {
            var operands = new List<IOperation>();
            if (ValueOrigins.Receiver(invocation) is { } receiver)
            {
                operands.Add(receiver);
            }

            operands.AddRange(invocation.Arguments.Select(a => a.Value));
            foreach (var operand in operands)
            {
                if (ValueOrigins.Unwrap(operand) is ILocalReferenceOperation { Local: var local } && IsKernel(local.Type))
                {
                    return local;
                }
            }

            return null;
        }

        private bool IsKernel(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, kernel);

        /// <summary>
        /// The filter types the method gives the kernel local before <paramref name="call"/>: added to its
        /// <c>FunctionInvocationFilters</c>, or registered on the services of the builder it was built from.
        /// </summary>
        private IEnumerable<INamedTypeSymbol> FiltersGivenTo(ILocalSymbol local, IOperation call)
        {
            var root = call;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            var builders = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            var registrations = new List<IInvocationOperation>();
            foreach (var operation in root.Descendants())
            {
                if (operation.Syntax.SpanStart >= call.Syntax.SpanStart)
                {
                    continue;
                }

                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                        && declarator.GetVariableInitializer() is { } initializer && BuilderLocal(initializer.Value) is { } built:
                        builders.Add(built);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) && BuilderLocal(assignment.Value) is { } assigned:
                        builders.Add(assigned);
                        break;
                    case IInvocationOperation added when ValueOrigins.Receiver(added) is { } list
                        && ValueOrigins.Unwrap(list) is IPropertyReferenceOperation { Property.Name: "FunctionInvocationFilters", Instance: { } owner }
                        && ValueOrigins.Unwrap(owner) is ILocalReferenceOperation { Local: var holder }
                        && SymbolEqualityComparer.Default.Equals(holder, local)
                        && added.TargetMethod.Name is "Add" or "Insert"
                        && added.Arguments.LastOrDefault() is { } item
                        && CreatedType(item.Value) is { } type:
                        yield return type;
                        break;
                    case IInvocationOperation registration when registration.TargetMethod.Name is "AddSingleton" or "AddScoped" or "AddTransient":
                        registrations.Add(registration);
                        break;
                }
            }

            foreach (var registration in registrations)
            {
                if (RegisteredFilter(registration, builders) is { } registered)
                {
                    yield return registered;
                }
            }
        }

        /// <summary><c>builder.Build()</c> on a builder local: that local.</summary>
        private ILocalSymbol? BuilderLocal(IOperation value) =>
            ValueOrigins.Unwrap(value) is IInvocationOperation { TargetMethod.Name: "Build" } build
            && IsKernel(build.TargetMethod.ReturnType)
            && ValueOrigins.Receiver(build) is { } receiver
            && ValueOrigins.Unwrap(receiver) is ILocalReferenceOperation { Local: var builder }
                ? builder
                : null;

        /// <summary>
        /// <c>builder.Services.AddSingleton&lt;IFunctionInvocationFilter&gt;(new F())</c> or
        /// <c>AddSingleton&lt;IFunctionInvocationFilter, F&gt;()</c> on one of <paramref name="builders"/>: <c>F</c>.
        /// </summary>
        private INamedTypeSymbol? RegisteredFilter(IInvocationOperation registration, HashSet<ILocalSymbol> builders)
        {
            var method = registration.TargetMethod;
            if (builders.Count == 0 || method.TypeArguments.Length == 0
                || !SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], filter)
                || method.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.DependencyInjection"
                || ValueOrigins.Receiver(registration) is not { } services
                || ValueOrigins.Unwrap(services) is not IPropertyReferenceOperation { Property.Name: "Services", Instance: { } owner }
                || ValueOrigins.Unwrap(owner) is not ILocalReferenceOperation { Local: var builder }
                || !builders.Contains(builder))
            {
                return null;
            }

            if (method.TypeArguments.Length == 2)
            {
                return method.TypeArguments[1] as INamedTypeSymbol;
            }

            return registration.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1) is { } instance ? CreatedType(instance.Value) : null;
        }

        private static INamedTypeSymbol? CreatedType(IOperation value) =>
            ValueOrigins.Unwrap(value) is IObjectCreationOperation { Type: INamedTypeSymbol type } ? type : null;

        /// <summary>Whether the filter type's <c>OnFunctionInvocationAsync</c> retries <c>next(context)</c> unchanged (cached per type).</summary>
        private bool Retries(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            retrying.GetOrAdd(type.OriginalDefinition, t =>
                t.FindImplementationForInterfaceMember(filterMethod!) is IMethodSymbol implementation
                && SourceBodies.IsInSource(implementation, compilation)
                && implementation.Parameters.Length == 2
                && SourceBodies.GetBodies(implementation, compilation, cancellationToken).Any(body => RetriesNext(body, implementation)));

        /// <summary>
        /// The body calls <c>next(context)</c> again after a failure, with the same context left as it was (see the type's
        /// remarks for what counts as a change).
        /// </summary>
        private bool RetriesNext(IOperation body, IMethodSymbol method)
        {
            var context = method.Parameters[0];
            var next = method.Parameters[1];
            var nextCalls = body.Descendants().OfType<IInvocationOperation>()
                .Where(i => i.TargetMethod.MethodKind == MethodKind.DelegateInvoke && i.Instance is { } held
                    && ValueOrigins.Unwrap(held) is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, next))
                .ToList();
            if (nextCalls.Count == 0
                || nextCalls.Any(c => c.Arguments.Length != 1 || !IsParameter(c.Arguments[0].Value, context))
                || ChangesTheRequest(body, context)
                || ChoosesFunctions(body, context))
            {
                return false;
            }

            return nextCalls.Any(c => CalledAgainInCatch(c, nextCalls) || CalledInRetryLoop(c));
        }

        /// <summary>
        /// <c>try { await next(context); } catch (...) { ...; await next(context); }</c>, with a catch that admits more than a
        /// rate limit (a request refused with 429 produced no answer: sending it again duplicates nothing).
        /// </summary>
        private bool CalledAgainInCatch(IInvocationOperation again, List<IInvocationOperation> nextCalls)
        {
            for (var parent = again.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ICatchClauseOperation { Parent: ITryOperation @try } handler
                    && !rateLimits.CatchesOnlyRateLimits(handler)
                    && nextCalls.Any(first => first != again && first.Syntax.SpanStart >= @try.Body.Syntax.SpanStart && first.Syntax.Span.End <= @try.Body.Syntax.Span.End))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A call in the body of a <c>try</c> inside a loop, that leaves the loop after the call (a <c>return</c> or
        /// <c>break</c> after it in the <c>try</c>), one of whose catches goes round (does not end by throwing, returning or
        /// breaking) and admits more than a rate limit.
        /// </summary>
        private bool CalledInRetryLoop(IInvocationOperation call)
        {
            ITryOperation? @try = null;
            for (IOperation? current = call, parent = call.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case ITryOperation enclosing when current == enclosing.Body && @try is null:
                        @try = enclosing;
                        break;
                    case ILoopOperation when @try is not null:
                        var leaves = @try.Body.Descendants().Any(o => o.Syntax.SpanStart > call.Syntax.SpanStart
                            && o is IReturnOperation or IBranchOperation { BranchKind: BranchKind.Break });
                        return leaves && @try.Catches.Any(c => GoesRound(c) && !rateLimits.CatchesOnlyRateLimits(c));
                }
            }

            return false;
        }

        private static bool GoesRound(ICatchClauseOperation handler) =>
            handler.Handler.Operations.LastOrDefault() is not (IThrowOperation or IReturnOperation or IBranchOperation { BranchKind: BranchKind.Break }
                or IExpressionStatementOperation { Operation: IThrowOperation });

        /// <summary>
        /// A write through the context other than to its <c>Result</c> (directly or through a local taken from it), an
        /// append-like call on such a target, or the context or such a local handed to code of the project.
        /// </summary>
        private bool ChangesTheRequest(IOperation body, IParameterSymbol context)
        {
            var fromContext = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (var declarator in body.Descendants().OfType<IVariableDeclaratorOperation>())
            {
                if (declarator.GetVariableInitializer() is { } initializer && ReachedFromContext(initializer.Value, context, fromContext))
                {
                    fromContext.Add(declarator.Symbol);
                }
            }

            foreach (var operation in body.Descendants())
            {
                var changes = operation switch
                {
                    IAssignmentOperation assignment => WritesThrough(assignment.Target, context, fromContext),
                    IIncrementOrDecrementOperation increment => WritesThrough(increment.Target, context, fromContext),
                    IInvocationOperation call when call.TargetMethod.MethodKind != MethodKind.DelegateInvoke =>
                        (ValueOrigins.Receiver(call) is { } receiver && IsChangingName(call.TargetMethod.Name) && ReachedFromContext(receiver, context, fromContext))
                        || (SourceBodies.IsInSource(call.TargetMethod, compilation)
                            && call.Arguments.Any(a => ReachedFromContext(a.Value, context, fromContext))),
                    _ => false,
                };
                if (changes)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A call that changes what it is called on: <c>context.Arguments.Add(...)</c>, <c>Remove</c>, <c>Clear</c>, <c>Set...</c>.</summary>
        private static bool IsChangingName(string name) =>
            name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Insert", System.StringComparison.Ordinal)
            || name.StartsWith("Remove", System.StringComparison.Ordinal) || name.StartsWith("Set", System.StringComparison.Ordinal)
            || name.StartsWith("Append", System.StringComparison.Ordinal) || name.StartsWith("Replace", System.StringComparison.Ordinal)
            || name.StartsWith("Update", System.StringComparison.Ordinal) || name is "Clear" or "Push" or "Enqueue";

        /// <summary>A target through the context (not its <c>Result</c>) or a local taken from it, through at least one member.</summary>
        private static bool WritesThrough(IOperation target, IParameterSymbol context, HashSet<ILocalSymbol> fromContext)
        {
            var unwrapped = ValueOrigins.Unwrap(target);
            return unwrapped is IMemberReferenceOperation or IArrayElementReferenceOperation && ReachedFromContext(unwrapped, context, fromContext);
        }

        /// <summary>
        /// A value that is the context, a member chain on it other than its <c>Result</c>, or a local taken from one
        /// (<c>context.Arguments.ExecutionSettings![id]</c>).
        /// </summary>
        private static bool ReachedFromContext(IOperation value, IParameterSymbol context, HashSet<ILocalSymbol> fromContext)
        {
            var current = ValueOrigins.Unwrap(value);
            string? lastMember = null;
            for (var depth = 0; depth < 16; depth++)
            {
                switch (current)
                {
                    case IParameterReferenceOperation parameter:
                        return SymbolEqualityComparer.Default.Equals(parameter.Parameter, context) && lastMember != "Result";
                    case ILocalReferenceOperation local:
                        return fromContext.Contains(local.Local);
                    case IMemberReferenceOperation { Instance: { } instance } member:
                        lastMember = member.Member.Name;
                        current = ValueOrigins.Unwrap(instance);
                        break;
                    case IArrayElementReferenceOperation element:
                        current = ValueOrigins.Unwrap(element.ArrayReference);
                        break;
                    case IInvocationOperation { Instance: { } instance }:
                        current = ValueOrigins.Unwrap(instance);
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsParameter(IOperation value, IParameterSymbol parameter) =>
            ValueOrigins.Unwrap(value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
    }
}
