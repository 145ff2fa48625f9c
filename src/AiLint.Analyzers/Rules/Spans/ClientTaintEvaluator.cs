using System.Collections.Generic;
using AiLint.Analyzers.Naming;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// Follows a value backwards within one operation block: through locals, member reads of a client object, conversions,
    /// arithmetic, conditionals and into helper methods of the compilation (through <see cref="HelperSummaries"/>).
    /// Anything else (a database read, a provider response, a server clock, an unknown call) is not client-supplied.
    /// Each local is evaluated once per block.
    /// </summary>
    internal sealed partial class ClientTaintEvaluator
    {
        private static readonly HashSet<string> RequestMembers = new HashSet<string>
        {
            "Headers", "Query", "QueryString", "Form", "Body", "BodyReader", "Cookies", "RouteValues",
        };

        private readonly KnownSpanSymbols symbols;
        private readonly ClientParameterClassifier? classifier;
        private readonly IMethodSymbol? summarized;
        private readonly HelperSummaries summaries;
        private readonly LocalValueIndex index;
        private readonly HelperSummaries.CallChain chain;
        private readonly Dictionary<ISymbol, ClientTaint> memo = new Dictionary<ISymbol, ClientTaint>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, bool> onlyMembersRead = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);

        /// <param name="symbols">The compilation's span and ASP.NET Core symbols.</param>
        /// <param name="classifier">Set when analysing a block for diagnostics: parameters may be client sources.</param>
        /// <param name="summarized">Set when summarising a helper: its own parameters become parameter bits.</param>
        /// <param name="summaries">The compilation's helper summaries.</param>
        /// <param name="index">The writes of every local and parameter of the block.</param>
        /// <param name="chain">The helpers being summarised around this evaluation.</param>
        public ClientTaintEvaluator(
            KnownSpanSymbols symbols,
            ClientParameterClassifier? classifier,
            IMethodSymbol? summarized,
            HelperSummaries summaries,
            LocalValueIndex index,
            HelperSummaries.CallChain chain)
        {
            this.symbols = symbols;
            this.classifier = classifier;
            this.summarized = summarized;
            this.summaries = summaries;
            this.index = index;
            this.chain = chain;
        }

        public HelperSummaries.CallChain Chain => chain;

        public ClientTaint Evaluate(IOperation? operation)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (operation)
            {
                case null:
                    return ClientTaint.None;
                case IConversionOperation conversion:
                    return Evaluate(conversion.Operand);
                case IParenthesizedOperation parenthesized:
                    return Evaluate(parenthesized.Operand);
                case IAwaitOperation awaited:
                    return Evaluate(awaited.Operation);
                case ILocalReferenceOperation local:
                    return EvaluateReference(local.Local, local);
                case IParameterReferenceOperation parameter:
                    return EvaluateReference(parameter.Parameter, parameter);
                case IPropertyReferenceOperation property:
                    if (IsRequestMember(property.Property, symbols))
                    {
                        return new ClientTaint("HttpRequest." + property.Property.Name, 0);
                    }

                    if (ClientParameterClassifier.IsServiceMemberOfAsParameters(symbols, property.Instance, property.Property))
                    {
                        return ClientTaint.None;
                    }

                    return EvaluateMember(property.Instance, property.Property);
                case IFieldReferenceOperation field:
                    if (ClientParameterClassifier.IsServiceMemberOfAsParameters(symbols, field.Instance, field.Field))
                    {
                        return ClientTaint.None;
                    }

                    return EvaluateMember(field.Instance, field.Field);
                case IArrayElementReferenceOperation element:
                    return Evaluate(element.ArrayReference);
                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation);
                case IObjectCreationOperation creation when symbols.IsConversionType(creation.Type):
                    return EvaluateArguments(creation.Arguments, skip: null, symbols.IsTimeType(creation.Type));
                case IBinaryOperation binary when symbols.IsTimeType(binary.Type):
                    // A time point plus or minus a duration: only the time point carries a clock. A client-measured
                    // duration added to the server clock has no skew.
                    return EvaluateTimePoint(binary.LeftOperand).Or(EvaluateTimePoint(binary.RightOperand));
                case IBinaryOperation binary:
                    return Evaluate(binary.LeftOperand).Or(Evaluate(binary.RightOperand));
                case IUnaryOperation unary:
                    return Evaluate(unary.Operand);
                case IConditionalOperation conditional:
                    return Evaluate(conditional.WhenTrue).Or(Evaluate(conditional.WhenFalse));
                case ICoalesceOperation coalesce:
                    return Evaluate(coalesce.Value).Or(Evaluate(coalesce.WhenNull));
                case IConditionalAccessOperation access:
                    return Evaluate(access.WhenNotNull);
                case IConditionalAccessInstanceOperation instance:
                    return Evaluate(FindConditionalAccess(instance)?.Operation);
                case ISwitchExpressionOperation @switch:
                    var arms = ClientTaint.None;
                    foreach (var arm in @switch.Arms)
                    {
                        arms = arms.Or(Evaluate(arm.Value));
                    }

                    return arms;
                case IInterpolatedStringOperation interpolated:
                    var parts = ClientTaint.None;
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            parts = parts.Or(Evaluate(interpolation.Expression));
                        }
                    }

                    return parts;
                case ISimpleAssignmentOperation assignment:
                    return Evaluate(assignment.Value);

                // Writes recorded by LocalValueIndex.
                case IArgumentOperation { Parent: IInvocationOperation tryParse } outArgument:
                    return IsConversion(tryParse.TargetMethod)
                        ? EvaluateArguments(tryParse.Arguments, outArgument, timePoint: false)
                        : OutOfClientReceiver(tryParse, outArgument);
                case IForEachLoopOperation loop:
                    return Evaluate(loop.Collection);
                case IDeclarationPatternOperation pattern:
                    return Evaluate(PatternInput(pattern));
                default:
                    return ClientTaint.None;
            }
        }

        /// <summary>
        /// A member read of an object this block builds and only reads members of: a DTO mapped in place
        /// (<c>var call = new LlmCallRecord { ClientSentAt = dto.SentAt, ReceivedAt = clock.GetUtcNow() }</c>, a positional
        /// record <c>new LlmCall(dto.Model, dto.SentAt)</c>, an anonymous object). The member carries what was put into it
        /// there, not everything the object was built from, so <c>call.ReceivedAt</c> stays the server's clock. Null when
        /// the instance is anything else, or when the local is written another way, handed to a method or has the member
        /// assigned later: the caller then falls back to the whole instance (which, for a built object, is not client data).
        /// </summary>
        private ClientTaint? BuiltObjectMember(IOperation? instance, ISymbol member)
        {
            var creation = instance;
            while (creation is IConversionOperation or IParenthesizedOperation)
            {
                creation = creation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)creation).Operand;
            }

            if (creation is ILocalReferenceOperation local)
            {
                var writes = index.GetWrites(local.Local);
                if (writes.Count != 1)
                {
                    return null;
                }

                creation = writes[0];
                while (creation is IConversionOperation conversion)
                {
                    creation = conversion.Operand;
                }

                // The walk over the block is paid only for a local that holds an object built here or by a mapper.
                if (!(creation is IObjectCreationOperation or IAnonymousObjectCreationOperation
                        || creation is IInvocationOperation { TargetMethod: var mapper } && HelperSummaries.HasSource(mapper))
                    || !OnlyMembersReadOnce(local))
                {
                    return null;
                }
            }

            switch (creation)
            {
                case IObjectCreationOperation built when !symbols.IsConversionType(built.Type):
                    if (built.Initializer is { } initializer && AssignedIn(initializer.Initializers, member) is { } assigned)
                    {
                        return Evaluate(assigned);
                    }

                    return PositionalRecordArgument(built, member) is { } argument ? Evaluate(argument) : ClientTaint.None;
                case IAnonymousObjectCreationOperation anonymous:
                    return AssignedIn(anonymous.Initializers, member) is { } value ? Evaluate(value) : ClientTaint.None;
                case IInvocationOperation call when HelperSummaries.HasSource(call.TargetMethod):
                    return MappedMember(call, member);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A member of the object a mapping method of the project builds (<c>dto.ToRecord()</c> or
        /// <c>LlmCallMapper.ToRecord(dto)</c> returning <c>new LlmCallRecord { ClientSentAt = dto.SentAt, ReceivedAt =
        /// DateTimeOffset.UtcNow }</c>): what the mapper puts in that member, traced back to this call's arguments. Null
        /// (the caller then treats the result as a whole) when a return of the mapper is anything but such an object or
        /// null, or the mapper is too deep or recursive.
        /// </summary>
        private ClientTaint? MappedMember(IInvocationOperation call, ISymbol member)
        {
            var method = call.TargetMethod.PartialImplementationPart ?? call.TargetMethod.OriginalDefinition;
            if (chain.Depth >= HelperSummaries.MaxDepth || chain.Contains(method) || summaries.GetBody(method) is not { } body)
            {
                return null;
            }

            var mapper = new ClientTaintEvaluator(symbols, classifier: null, method, summaries, new LocalValueIndex(new[] { body }), chain.Push(method));
            ClientTaint? inMapper = null;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IReturnOperation { ReturnedValue: { } returned } || !HelperSummaries.ReturnsFrom(operation, body))
                {
                    continue;
                }

                while (returned is IConversionOperation conversion)
                {
                    returned = conversion.Operand;
                }

                if (returned is ILiteralOperation or IDefaultValueOperation)
                {
                    continue;
                }

                if (returned is not (IObjectCreationOperation or IAnonymousObjectCreationOperation) || mapper.BuiltObjectMember(returned, member) is not { } taint)
                {
                    return null;
                }

                inMapper = (inMapper ?? ClientTaint.None).Or(taint);
            }

            if (inMapper is not { } found)
            {
                return null;
            }

            var result = ClientTaint.None;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.Ordinal < 64 && (found.Parameters & (1UL << parameter.Ordinal)) != 0)
                {
                    result = result.Or(Evaluate(argument.Value));
                }
            }

            return result;
        }

        private static IOperation? AssignedIn(System.Collections.Immutable.ImmutableArray<IOperation> initializers, ISymbol member)
        {
            foreach (var initializer in initializers)
            {
                if (initializer is ISimpleAssignmentOperation assignment && assignment.Target is IMemberReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Member, member))
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        /// <summary>The argument a positional record's primary constructor gives the property it declares under the same name.</summary>
        private static IOperation? PositionalRecordArgument(IObjectCreationOperation creation, ISymbol member)
        {
            if (creation.Constructor is not { } constructor || !SymbolEqualityComparer.Default.Equals(member.ContainingType, constructor.ContainingType)
                || member.DeclaringSyntaxReferences.Length != 1
                || member.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax declared
                || constructor.DeclaringSyntaxReferences.Length != 1
                || !constructor.DeclaringSyntaxReferences[0].GetSyntax().Contains(declared))
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.Name == member.Name)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private bool OnlyMembersReadOnce(ILocalReferenceOperation reference)
        {
            if (!onlyMembersRead.TryGetValue(reference.Local, out var known))
            {
                known = OnlyMembersRead(reference);
                onlyMembersRead[reference.Local] = known;
            }

            return known;
        }

        /// <summary>True when every use of the local in its block is a member read (not a member write, not an argument).</summary>
        private static bool OnlyMembersRead(ILocalReferenceOperation reference)
        {
            var root = (IOperation)reference;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is not ILocalReferenceOperation use || !SymbolEqualityComparer.Default.Equals(use.Local, reference.Local) || use.IsImplicit)
                {
                    continue;
                }

                if (use.Parent is not IMemberReferenceOperation read || read is IMethodReferenceOperation || read is IEventReferenceOperation)
                {
                    // The declaration itself is not a local reference; any other use may let the object change.
                    return false;
                }

                if (read.Parent is IAssignmentOperation assignment && assignment.Target == read
                    || read.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None })
                {
                    return false;
                }
            }

            return true;
        }

        private ClientTaint EvaluateSymbol(ISymbol symbol, IOperation reference)
        {
            if (memo.TryGetValue(symbol, out var known))
            {
                return known;
            }

            // A placeholder breaks cycles such as "t = t.AddSeconds(1)".
            memo[symbol] = ClientTaint.None;
            var result = ClientTaint.None;
            if (symbol is IParameterSymbol parameter)
            {
                if (summarized is not null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, summarized))
                {
                    result = ClientTaint.FromParameter(parameter.Ordinal);
                }
                else if (classifier?.Classify(parameter, reference) is { } source)
                {
                    result = new ClientTaint(source, 0);
                }
            }

            foreach (var write in index.GetWrites(symbol))
            {
                result = result.Or(Evaluate(write));
            }

            memo[symbol] = result;
            return result;
        }

        /// <summary>True for a call that reads the request body (ReadFromJsonAsync, ReadFormAsync): a client source.</summary>
        internal static bool ReadsRequestBody(IMethodSymbol method, KnownSpanSymbols symbols)
        {
            var comparer = SymbolEqualityComparer.Default;
            return (symbols.HttpRequestJsonExtensions is not null && comparer.Equals(method.ContainingType, symbols.HttpRequestJsonExtensions))
                || (method.Name == "ReadFormAsync" && symbols.HttpRequest is not null && comparer.Equals(method.ContainingType, symbols.HttpRequest));
        }

        private ClientTaint EvaluateInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (ReadsRequestBody(method, symbols))
            {
                return new ClientTaint("the request body read by " + method.Name, 0);
            }

            if (invocation.Instance is { } instance)
            {
                var receiver = Evaluate(instance);
                if (!receiver.IsNone)
                {
                    return receiver;
                }
            }

            if (method.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                var receiver = Evaluate(invocation.Arguments[0].Value);
                if (!receiver.IsNone)
                {
                    return receiver;
                }
            }

            if (IsConversion(method))
            {
                return EvaluateArguments(invocation.Arguments, skip: null, symbols.IsTimeType(invocation.Type));
            }

            // A helper of this compilation returns a client value when it reads one from the request itself, or when
            // one of the parameters it returns gets one.
            if (summaries.TryGet(method, chain, out var summary) && (summary.ReturnedParameters != 0 || summary.ReturnedSource is not null))
            {
                // The request a helper reads must be handed to it (see ClientTimestampAnalyzer.ContainsClientSource):
                // a helper reading an IHttpContextAccessor of its own is not followed.
                var result = summary.ReturnedSource is { } read && symbols.PassesRequestObject(invocation)
                    ? new ClientTaint(read.Contains(", read by ") ? read : read + ", read by " + HelperNames.Of(method), 0)
                    : ClientTaint.None;
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } p && p.Ordinal < 64 && (summary.ReturnedParameters & (1UL << p.Ordinal)) != 0)
                    {
                        result = result.Or(Evaluate(argument.Value));
                    }
                }

                return result;
            }

            return ClientTaint.None;
        }

        /// <summary>
        /// The <c>out</c> value of a package method called on a client value: <c>request.Headers.TryGetValue("X-Sent-At",
        /// out var raw)</c> (IHeaderDictionary, IQueryCollection, IFormCollection, IRequestCookieCollection,
        /// RouteValueDictionary) hands out an entry of the client's collection, as the indexer returns one. This is the
        /// <c>out</c> twin of a call's result on a client value (<see cref="EvaluateInvocation"/>). A method of the
        /// project is left alone: what it writes to its <c>out</c> parameter is not summarised, and it may be its own clock.
        /// </summary>
        private ClientTaint OutOfClientReceiver(IInvocationOperation call, IArgumentOperation outArgument)
        {
            if (outArgument.Parameter is not { RefKind: RefKind.Out } || HelperSummaries.HasSource(call.TargetMethod))
            {
                return ClientTaint.None;
            }

            var receiver = call.Instance
                ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && call.Arguments[0] != outArgument ? call.Arguments[0].Value : null);
            return receiver is null ? ClientTaint.None : Evaluate(receiver);
        }

        private bool IsConversion(IMethodSymbol method) => method.IsStatic && symbols.IsConversionType(method.ContainingType);

        private ClientTaint EvaluateArguments(
            System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments,
            IArgumentOperation? skip,
            bool timePoint)
        {
            var result = ClientTaint.None;
            foreach (var argument in arguments)
            {
                if (argument != skip)
                {
                    result = result.Or(timePoint ? EvaluateTimePoint(argument.Value) : Evaluate(argument.Value));
                }
            }

            return result;
        }

        private ClientTaint EvaluateTimePoint(IOperation operand) =>
            SymbolEqualityComparer.Default.Equals(operand.Type, symbols.TimeSpan) ? ClientTaint.None : Evaluate(operand);

        /// <summary>True for HttpRequest.Headers, .Query, .Form, .Body ... (on HttpRequest or a type derived from it): a client source.</summary>
        internal static bool IsRequestMember(IPropertySymbol property, KnownSpanSymbols symbols)
        {
            if (symbols.HttpRequest is null || !RequestMembers.Contains(property.Name))
            {
                return false;
            }

            for (var type = property.ContainingType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, symbols.HttpRequest))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The <c>?.</c> whose tested value <paramref name="operation"/> stands for: the nearest enclosing one reached
        /// from its <c>WhenNotNull</c> side. In <c>a?.B?.C</c> the inner access's own <c>Operation</c> (<c>.B</c>) holds
        /// the instance of the outer one; taking the nearest access regardless of side would evaluate that instance
        /// as itself and recurse without end (a stack overflow, which no analyzer guard can catch).
        /// </summary>
        private static IConditionalAccessOperation? FindConditionalAccess(IOperation operation)
        {
            var child = operation;
            for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child))
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary>The value a (possibly nested) pattern tests: a declared variable is part of that value.</summary>
        internal static IOperation? PatternInput(IOperation pattern)
        {
            for (var current = pattern.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IIsPatternOperation isPattern:
                        return isPattern.Value;
                    case ISwitchExpressionOperation switchExpression:
                        return switchExpression.Value;
                    case ISwitchOperation switchStatement:
                        return switchStatement.Value;
                    case IPatternOperation or IPropertySubpatternOperation or IPatternCaseClauseOperation or ISwitchCaseOperation or ISwitchExpressionArmOperation:
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }
    }
}
