using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Reads a Polly v8 retry <c>ShouldHandle</c> of an HTTP resilience handler and answers whether it visibly admits a
    /// failure that may come after the provider processed the request: a 408, 500, 502, 503 or 504 response (or any
    /// status from a lower bound such as <c>&gt;= 500</c>, or a non-success one), an <c>HttpRequestException</c>, a
    /// timeout (<c>TimeoutRejectedException</c>, <c>TaskCanceledException</c>, <c>TimeoutException</c>), any
    /// <c>Exception</c>, or <c>HttpClientResiliencePredicates.IsTransient</c>. A POST retried on such an outcome is a
    /// generation request sent again (docs/rules/AIL0001.md).
    /// </summary>
    /// <remarks>
    /// Precision first: anything not read answers "no" (the caller then trusts the predicate, as before). Read are
    /// <c>ValueTask.FromResult(test)</c> / <c>new ValueTask&lt;bool&gt;(test)</c>, a switch on the outcome, <c>?:</c>
    /// answering <c>PredicateResult.True()</c>/<c>False()</c>, a <c>PredicateBuilder</c> chain, and a test made of
    /// <c>||</c>, status comparisons, <c>is</c> patterns and calls to one-return <c>bool</c> methods of the project (the
    /// getcellm/cellm shape: <c>ShouldHandle = args =&gt; ValueTask.FromResult(ShouldRetry(args.Outcome))</c>). An
    /// <c>&amp;&amp;</c>, a negation other than <c>!IsSuccessStatusCode</c>, a property pattern on anything but the
    /// status (<c>HttpRequestException { HttpRequestError: ConnectionError }</c>) and an unknown call are not read. A
    /// predicate that looks at the request's method (<c>RequestMessage.Method</c>: retry GETs only) is never taken as
    /// admitting a POST.
    /// </remarks>
    internal sealed class ProcessedFailurePredicates
    {
        private const int MaxDepth = 4;

        // Statuses a server may answer after it processed (or while still processing) the request.
        private static readonly int[] ProcessedStatuses = { 408, 500, 502, 503, 504 };

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol?[] processedExceptions;
        private readonly INamedTypeSymbol? exception;
        private readonly INamedTypeSymbol? predicateResult;
        private readonly INamedTypeSymbol? predicateBuilder;
        private readonly INamedTypeSymbol? valueTask;
        private readonly INamedTypeSymbol? valueTaskOfT;
        private readonly INamedTypeSymbol? httpRequestMessage;
        private readonly INamedTypeSymbol? httpResponseMessage;
        private readonly INamedTypeSymbol? resiliencePredicates;

        public ProcessedFailurePredicates(Compilation compilation)
        {
            this.compilation = compilation;
            processedExceptions = new[]
            {
                compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException"),
                compilation.GetTypeByMetadataName("Polly.Timeout.TimeoutRejectedException"),
                compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCanceledException"),
                compilation.GetTypeByMetadataName("System.TimeoutException"),
            };
            exception = compilation.GetTypeByMetadataName("System.Exception");
            predicateResult = compilation.GetTypeByMetadataName(KnownRetrySymbols.PredicateResultName);
            predicateBuilder = compilation.GetTypeByMetadataName("Polly.PredicateBuilder`1");
            valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            httpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            httpResponseMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
            resiliencePredicates = compilation.GetTypeByMetadataName("Microsoft.Extensions.Http.Resilience.HttpClientResiliencePredicates");
        }

        /// <summary>The value assigned to <c>ShouldHandle</c> visibly admits a failure the provider may have processed.</summary>
        public bool AdmitsProcessedFailure(IOperation shouldHandle, CancellationToken cancellationToken)
        {
            var read = new List<IOperation>();
            return Predicate(shouldHandle, read, cancellationToken) && !read.Any(LooksAtRequestMethod);
        }

        private bool Predicate(IOperation value, List<IOperation> read, CancellationToken cancellationToken)
        {
            value = ValueOrigins.Unwrap(value);
            switch (value)
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    read.Add(lambda.Body);
                    return SingleReturned(lambda.Body) is { } returned && Answer(returned, read, 0, cancellationToken);
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    return MethodReturned(reference.Method, read, cancellationToken) is { } methodReturned && Answer(methodReturned, read, 1, cancellationToken);
                default:
                    return BuilderAdmits(value, read, cancellationToken);
            }
        }

        /// <summary>What the predicate returns: <c>ValueTask&lt;bool&gt;</c> made from a test, a switch, or <c>?:</c>.</summary>
        private bool Answer(IOperation returned, List<IOperation> read, int depth, CancellationToken cancellationToken)
        {
            returned = ValueOrigins.Unwrap(returned);
            if (IsYes(returned))
            {
                return true;
            }

            switch (returned)
            {
                case ISwitchExpressionOperation outcomeSwitch:
                    return outcomeSwitch.Arms.Any(arm => ArmAdmits(arm, outcomeSwitch.Value, read, depth, cancellationToken, Answer));
                case IConditionalOperation choice:
                    // test ? PredicateResult.True() : ...: yes whenever the test holds.
                    return IsYes(choice.WhenTrue) && Test(choice.Condition, read, depth, cancellationToken);
                default:
                    return BoolInside(returned) is { } test && Test(test, read, depth, cancellationToken);
            }
        }

        /// <summary>A <c>bool</c> test that can be true for a processed failure.</summary>
        private bool Test(IOperation test, List<IOperation> read, int depth, CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            test = ValueOrigins.Unwrap(test);
            if (test.ConstantValue is { HasValue: true, Value: true })
            {
                return true;
            }

            switch (test)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
                    // Depth counts helper calls only: an || chain is as deep as the code is long, and finite.
                    return Test(or.LeftOperand, read, depth, cancellationToken) || Test(or.RightOperand, read, depth, cancellationToken);
                case IBinaryOperation comparison:
                    return StatusComparisonAdmits(comparison);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                    // !response.IsSuccessStatusCode: every 5xx among them.
                    return ValueOrigins.Unwrap(operand) is IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" } success
                        && SymbolEqualityComparer.Default.Equals(success.Property.ContainingType, httpResponseMessage);
                case IIsPatternOperation isPattern:
                    return PatternAdmits(isPattern.Pattern, IsStatusRead(isPattern.Value));
                case IIsTypeOperation isType:
                    return AdmitsException(isType.TypeOperand);
                case ISwitchExpressionOperation valueSwitch:
                    return valueSwitch.Arms.Any(arm => ArmAdmits(arm, valueSwitch.Value, read, depth, cancellationToken, Test));
                case IInvocationOperation call:
                    return CallAdmits(call, read, depth, cancellationToken);
                default:
                    return false;
            }
        }

        private delegate bool ValueReader(IOperation value, List<IOperation> read, int depth, CancellationToken cancellationToken);

        /// <summary>
        /// A switch arm that admits a processed failure: it answers yes for a pattern that admits one, or answers a test
        /// that does, under a pattern that only names the outcome's parts (<c>{ Result: HttpResponseMessage r }</c>,
        /// <c>{ Exception: Exception e }</c>, <c>_</c>). A guarded arm counts only when it answers yes and its guard admits.
        /// </summary>
        private bool ArmAdmits(ISwitchExpressionArmOperation arm, IOperation switched, List<IOperation> read, int depth, CancellationToken cancellationToken, ValueReader value)
        {
            if (IsYes(arm.Value))
            {
                return arm.Guard is null
                    ? PatternAdmits(arm.Pattern, IsStatusRead(switched))
                    : OnlyNamesParts(arm.Pattern) && Test(arm.Guard, read, depth, cancellationToken);
            }

            return arm.Guard is null && OnlyNamesParts(arm.Pattern) && value(arm.Value, read, depth, cancellationToken);
        }

        /// <summary>A pattern that binds or type-tests the outcome's parts without restricting them by a value.</summary>
        private static bool OnlyNamesParts(IPatternOperation pattern)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            return OnlyNamesPartsOf(pattern);
        }

        private static bool OnlyNamesPartsOf(IPatternOperation pattern) => pattern switch
        {
            IDiscardPatternOperation or IDeclarationPatternOperation or ITypePatternOperation => true,
            IRecursivePatternOperation recursive => recursive.DeconstructionSubpatterns.IsEmpty
                && recursive.PropertySubpatterns.All(p => OnlyNamesParts(p.Pattern)),
            _ => false,
        };

        /// <summary>
        /// A pattern that matches a processed failure: an exception type that admits one, a status constant in the set
        /// (or a lower bound below 505) when the tested value is a status, an <c>or</c> with such a side, or an object
        /// pattern whose only property subpattern is such a status test.
        /// </summary>
        private bool PatternAdmits(IPatternOperation pattern, bool onStatus)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow

            // `A or B or C` nests to the left as long as the user writes it: the left spine in a loop, not in recursion.
            for (; pattern is IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or; pattern = or.LeftPattern)
            {
                if (PatternAdmits(or.RightPattern, onStatus))
                {
                    return true;
                }
            }

            switch (pattern)
            {
                case ITypePatternOperation type:
                    return AdmitsException(type.MatchedType);
                case IDeclarationPatternOperation declaration:
                    return AdmitsException(declaration.MatchedType);
                case IConstantPatternOperation constant:
                    return onStatus && IsProcessedStatus(constant.Value);
                case IRelationalPatternOperation relational:
                    return onStatus && LowerBoundAdmits(relational.OperatorKind, relational.Value);
                case IRecursivePatternOperation recursive:
                    if (!recursive.DeconstructionSubpatterns.IsEmpty)
                    {
                        return false;
                    }

                    if (recursive.PropertySubpatterns.IsEmpty)
                    {
                        return AdmitsException(recursive.MatchedType);
                    }

                    // { StatusCode: HttpStatusCode.BadGateway }, { Result.StatusCode: >= HttpStatusCode.InternalServerError },
                    // { Exception: HttpRequestException }: one subpattern that admits on its own.
                    return recursive.PropertySubpatterns.Length == 1
                        && recursive.PropertySubpatterns[0] is { } property
                        && PatternAdmits(property.Pattern, IsStatusMember(property.Member));
                default:
                    return false;
            }
        }

        /// <summary>The member of a property subpattern is <c>StatusCode</c> or <c>Status</c> (also <c>Result.StatusCode</c>).</summary>
        private static bool IsStatusMember(IOperation member) =>
            ValueOrigins.Unwrap(member) is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" };

        /// <summary><c>r.StatusCode == HttpStatusCode.BadGateway</c>, <c>(int)r.StatusCode &gt;= 500</c> (either way round).</summary>
        private static bool StatusComparisonAdmits(IBinaryOperation comparison)
        {
            var leftStatus = IsStatusRead(comparison.LeftOperand);
            var rightStatus = IsStatusRead(comparison.RightOperand);
            if (leftStatus == rightStatus)
            {
                return false;
            }

            var constant = leftStatus ? comparison.RightOperand : comparison.LeftOperand;
            var kind = comparison.OperatorKind;
            if (!leftStatus)
            {
                // 500 <= status reads as status >= 500.
                kind = kind switch
                {
                    BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                    BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                    BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                    BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                    _ => kind,
                };
            }

            return kind == BinaryOperatorKind.Equals ? IsProcessedStatus(constant) : LowerBoundAdmits(kind, constant);
        }

        /// <summary><c>status &gt;= c</c> or <c>status &gt; c</c> admitting 504 (so 500-504, which come after processing).</summary>
        private static bool LowerBoundAdmits(BinaryOperatorKind kind, IOperation bound) =>
            StatusValue(bound) is { } value
            && (kind == BinaryOperatorKind.GreaterThanOrEqual && value <= 504 || kind == BinaryOperatorKind.GreaterThan && value < 504);

        private static bool IsProcessedStatus(IOperation value) => StatusValue(value) is { } status && Array.IndexOf(ProcessedStatuses, status) >= 0;

        /// <summary>An <c>int</c> or <c>HttpStatusCode</c> constant (through casts).</summary>
        private static int? StatusValue(IOperation value)
        {
            var constant = value.ConstantValue.HasValue ? value.ConstantValue : ValueOrigins.Unwrap(value).ConstantValue;
            return constant is { HasValue: true, Value: int status } ? status : null;
        }

        /// <summary>A read of a property named <c>StatusCode</c> or <c>Status</c> (through casts and <c>?.</c>).</summary>
        private static bool IsStatusRead(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            if (operation is IConditionalAccessOperation access)
            {
                operation = ValueOrigins.Unwrap(access.WhenNotNull);
            }

            return operation is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" };
        }

        /// <summary>An exception type whose instances include failures after the request was sent (or <c>Exception</c> itself).</summary>
        private bool AdmitsException(ITypeSymbol? type) =>
            type is not null
            && (SymbolEqualityComparer.Default.Equals(type, exception) || processedExceptions.Any(known => KnownRetrySymbols.IsOrInherits(type, known)));

        /// <summary><c>HttpClientResiliencePredicates.IsTransient(...)</c>, or a one-return <c>bool</c> method of the project.</summary>
        private bool CallAdmits(IInvocationOperation call, List<IOperation> read, int depth, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, resiliencePredicates))
            {
                return method.Name.StartsWith("IsTransient", StringComparison.Ordinal);
            }

            return depth < MaxDepth
                && method.ReturnType.SpecialType == SpecialType.System_Boolean
                && MethodReturned(method, read, cancellationToken) is { } returned
                && Test(returned, read, depth + 1, cancellationToken);
        }

        /// <summary>The one value a non-virtual method of the project returns (its body is kept for the request-method check).</summary>
        private IOperation? MethodReturned(IMethodSymbol method, List<IOperation> read, CancellationToken cancellationToken)
        {
            if (method.IsVirtual || method.IsAbstract || method.IsOverride && !method.IsSealed || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || !SourceBodies.IsInSource(method, compilation)
                || SourceBodies.GetBodies(method, compilation, cancellationToken).ToList() is not { Count: 1 } bodies)
            {
                return null;
            }

            var returned = SourceBodies.ReturnedValues(method, compilation, cancellationToken);
            if (returned.Count != 1)
            {
                return null;
            }

            read.Add(bodies[0]);
            return returned[0];
        }

        /// <summary>
        /// <c>new PredicateBuilder&lt;HttpResponseMessage&gt;().Handle&lt;HttpRequestException&gt;().HandleResult(r =&gt; ...)</c>:
        /// its links are alternatives, so one that admits a processed failure is enough.
        /// </summary>
        private bool BuilderAdmits(IOperation value, List<IOperation> read, CancellationToken cancellationToken)
        {
            var current = value;
            for (var depth = 0; depth < MaxDepth * 4; depth++)
            {
                current = ValueOrigins.Unwrap(current);
                if (current is not IInvocationOperation { Instance: { } receiver } link || !IsPredicateBuilder(link.TargetMethod.ContainingType))
                {
                    return false;
                }

                if (LinkAdmits(link, read, cancellationToken))
                {
                    // The chain must still start at a visible `new PredicateBuilder<T>()` for the answer to stand.
                    return StartsAtNewBuilder(receiver);
                }

                current = receiver;
            }

            return false;
        }

        private bool StartsAtNewBuilder(IOperation receiver)
        {
            var current = receiver;
            for (var depth = 0; depth < MaxDepth * 4; depth++)
            {
                current = ValueOrigins.Unwrap(current);
                if (current is IObjectCreationOperation creation)
                {
                    return IsPredicateBuilder(creation.Type);
                }

                if (current is not IInvocationOperation { Instance: { } next })
                {
                    return false;
                }

                current = next;
            }

            return false;
        }

        /// <summary><c>PredicateBuilder&lt;T&gt;</c>, or the non-generic <c>PredicateBuilder</c> derived from it.</summary>
        private bool IsPredicateBuilder(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, predicateBuilder))
                {
                    return true;
                }
            }

            return false;
        }

        private bool LinkAdmits(IInvocationOperation link, List<IOperation> read, CancellationToken cancellationToken)
        {
            var method = link.TargetMethod;
            var predicate = link.Arguments.FirstOrDefault(a => a.Parameter?.Type.TypeKind == TypeKind.Delegate && a.ArgumentKind == ArgumentKind.Explicit)?.Value;
            switch (method.Name)
            {
                case "Handle" or "HandleInner" when method.TypeArguments.Length == 1:
                    return AdmitsException(method.TypeArguments[0]) && (predicate is null || DelegateTest(predicate, read, cancellationToken));
                case "HandleResult" when predicate is not null:
                    return DelegateTest(predicate, read, cancellationToken);
                default:
                    return false;
            }
        }

        /// <summary>A <c>Func&lt;T, bool&gt;</c> lambda whose returned test admits a processed failure.</summary>
        private bool DelegateTest(IOperation predicate, List<IOperation> read, CancellationToken cancellationToken)
        {
            if (ValueOrigins.Unwrap(predicate) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                || SingleReturned(lambda.Body) is not { } returned)
            {
                return false;
            }

            read.Add(lambda.Body);
            return Test(returned, read, 1, cancellationToken);
        }

        /// <summary><c>PredicateResult.True()</c>, <c>ValueTask.FromResult(true)</c>, <c>true</c>.</summary>
        private bool IsYes(IOperation value)
        {
            value = ValueOrigins.Unwrap(value);
            if (value is IInvocationOperation { Arguments.Length: 0, TargetMethod: { Name: "True" } method }
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, predicateResult))
            {
                return true;
            }

            var inner = BoolInside(value) ?? value;
            return ValueOrigins.Unwrap(inner).ConstantValue is { HasValue: true, Value: true };
        }

        /// <summary>The <c>bool</c> inside <c>ValueTask.FromResult(b)</c> or <c>new ValueTask&lt;bool&gt;(b)</c>, or null.</summary>
        private IOperation? BoolInside(IOperation returned) => returned switch
        {
            IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult
                when SymbolEqualityComparer.Default.Equals(fromResult.TargetMethod.ContainingType, valueTask) => fromResult.Arguments[0].Value,
            IObjectCreationOperation { Type: INamedTypeSymbol created, Arguments.Length: 1 } creation
                when SymbolEqualityComparer.Default.Equals(created.OriginalDefinition, valueTaskOfT) => creation.Arguments[0].Value,
            _ => null,
        };

        private static IOperation? SingleReturned(IBlockOperation body) =>
            body.Operations.Length == 1 && body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;

        /// <summary>The predicate reads the request's method (<c>RequestMessage.Method</c>): it may retry only GETs.</summary>
        private bool LooksAtRequestMethod(IOperation root) => root.DescendantsAndSelf().Any(o => o is IPropertyReferenceOperation { Property: var property }
            && (property.Name == "Method" && SymbolEqualityComparer.Default.Equals(property.ContainingType, httpRequestMessage)
                || property.Name == "RequestMessage" && SymbolEqualityComparer.Default.Equals(property.ContainingType, httpResponseMessage)));
    }
}
