using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// Reads the body of a <c>bool</c> predicate as the ways it can answer true. Real helpers test each exception type
    /// that can carry a status in an <c>if</c> of its own (review 19, FP2):
    /// <code>
    /// if (ex is ClientResultException c &amp;&amp; c.Status == 429) return true;
    /// if (ex is HttpRequestException h &amp;&amp; h.StatusCode == HttpStatusCode.TooManyRequests) return true;
    /// return false;
    /// </code>
    /// which answers true exactly when the <c>||</c> of its tests holds, like the one-expression form.
    /// </summary>
    /// <remarks>
    /// Read: a sequence of <c>if (test) return value;</c> (no <c>else</c>; the <c>return</c> alone or alone in a block)
    /// ending in a <c>return</c>. An <c>if (test) return false;</c> only narrows what the later statements see, so it adds
    /// no way to answer true; <c>if (test) return e;</c> answers true when both hold. A final <c>return true;</c> answers
    /// true for everything the tests did not catch, so the body is not read. The chain may start with locals that only
    /// read what the predicate was given (review 27, FP3: <c>var status = (ex as ClientResultException)?.Status;</c>):
    /// each initializer is built from constants, parameters, earlier such locals, conversions, <c>as</c>, <c>?.</c>,
    /// property and field reads, operators and patterns, and the local is never written again, so a test that reads it
    /// is judged with the local standing for its initializer (<see cref="StandIn"/>). Any other statement (a local
    /// initialised by a call or written later, a loop, an assignment, a call, a nested <c>if</c> chain) leaves the body
    /// unread, and the caller treats it as admitting anything.
    /// A returned switch expression, and a <c>switch</c> statement whose sections are each one <c>return</c>, are read the
    /// same way arm by arm (review 35, FP1): each arm or <c>case</c> label stands in the list for the test of its pattern on
    /// the switched value, beside its <c>when</c> clause and its value (<see cref="SwitchYesTests"/>).
    /// </remarks>
    internal static class PredicateChains
    {
        /// <summary>
        /// For each way <paramref name="body"/> answers true, the parts whose <c>&amp;&amp;</c> it requires (the <c>if</c>'s test and a
        /// returned value that is not the constant <c>true</c>); an empty list when it always answers false; null when
        /// the body is not such a chain.
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<IOperation>>? YesTests(IBlockOperation body)
        {
            var operations = body.Operations;
            var final = operations.Length == 0 ? null : operations[operations.Length - 1];
            var last = (final as IReturnOperation)?.ReturnedValue;
            if (last is null && (final is not ISwitchOperation finalSwitch || !HasDefault(finalSwitch)))
            {
                return null; // a body that can run off its end is not a chain (a switch without default falls out of it)
            }

            var first = FirstAfterReadOnlyLocals(body);
            if (first < 0)
            {
                return null;
            }

            var yes = new List<IReadOnlyList<IOperation>>();
            for (var i = first; i < operations.Length - 1; i++)
            {
                // `switch (ex) { case ClientResultException c: return c.Status == 429; ... }` before the last `return`.
                if (operations[i] is ISwitchOperation statementSwitch)
                {
                    if (!AddSections(yes, statementSwitch))
                    {
                        return null;
                    }

                    continue;
                }

                if (operations[i] is not IConditionalOperation { WhenFalse: null, Condition: { } test, WhenTrue: { } whenTrue }
                    || SingleReturn(whenTrue) is not { } value)
                {
                    return null;
                }

                // `if (test) return false;` narrows only; `return true` adds the test, any other value the test and the value.
                if (!AddAnswer(yes, new[] { test }, value, 0))
                {
                    return null;
                }
            }

            if (last is null)
            {
                return AddSections(yes, (ISwitchOperation)final!) ? yes : null;
            }

            // A final `return true;` answers true for everything the ifs let through.
            return AddAnswer(yes, Array.Empty<IOperation>(), last, 0) ? yes : null;
        }

        /// <summary>
        /// The ways a <c>bool</c> switch expression answers true, read like a chain (review 35, FP1: <c>ex switch {
        /// ClientResultException cre =&gt; cre.Status == 429, HttpRequestException hre =&gt; hre.StatusCode ==
        /// HttpStatusCode.TooManyRequests, _ =&gt; false }</c>): each arm answers true when its pattern, its <c>when</c> and
        /// its value hold. The arm itself stands in the list for the test <c>value is pattern</c> (a discard adds no part).
        /// Null when an arm without pattern or guard answers <c>true</c> (<c>_ =&gt; true</c>: true for everything the
        /// arms before it let through).
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<IOperation>>? SwitchYesTests(ISwitchExpressionOperation choice)
        {
            var yes = new List<IReadOnlyList<IOperation>>();
            return AddArms(yes, Array.Empty<IOperation>(), choice, 0) ? yes : null;
        }

        private const int MaxSwitchDepth = 4;

        /// <summary>
        /// Adds the ways <paramref name="value"/>, answered when every part of <paramref name="given"/> holds, answers
        /// true: none for <c>false</c> (it only narrows what later statements see), <paramref name="given"/> for
        /// <c>true</c>, each arm of a switch expression with its own parts, otherwise <paramref name="given"/> and the value.
        /// False when it answers true with nothing required (<c>return true;</c>, <c>_ =&gt; true</c>).
        /// </summary>
        private static bool AddAnswer(List<IReadOnlyList<IOperation>> yes, IReadOnlyList<IOperation> given, IOperation value, int depth)
        {
            if (ValueOrigins.Unwrap(value) is ISwitchExpressionOperation choice)
            {
                return depth < MaxSwitchDepth && AddArms(yes, given, choice, depth + 1);
            }

            switch (Constant(value))
            {
                case false:
                    return true;
                case true:
                    if (given.Count == 0)
                    {
                        return false;
                    }

                    yes.Add(given);
                    return true;
                default:
                    yes.Add(given.Concat(new[] { value }).ToList());
                    return true;
            }
        }

        /// <summary>
        /// Each arm of <paramref name="choice"/> answers its value when its pattern (the arm stands for it; none for a
        /// discard) and its <c>when</c> clause hold. An earlier arm only narrows what later arms see, which leaves each
        /// way a later arm answers true no wider than read here.
        /// </summary>
        private static bool AddArms(List<IReadOnlyList<IOperation>> yes, IReadOnlyList<IOperation> given, ISwitchExpressionOperation choice, int depth)
        {
            foreach (var arm in choice.Arms)
            {
                var parts = given.ToList();
                if (arm.Pattern is not IDiscardPatternOperation)
                {
                    parts.Add(arm);
                }

                if (arm.Guard is { } guard)
                {
                    parts.Add(guard);
                }

                if (!AddAnswer(yes, parts, arm.Value, depth))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A <c>switch</c> statement read like <see cref="AddArms"/>: every section is one <c>return</c>, and each of its
        /// labels (a <c>case T x when g:</c> or <c>case 429:</c> clause standing for its test on the switched value; none for
        /// <c>default</c>) answers that value. False when a section does anything else (<c>break</c>, a call, a nested
        /// statement), or answers <c>true</c> under <c>default</c>.
        /// </summary>
        private static bool AddSections(List<IReadOnlyList<IOperation>> yes, ISwitchOperation statementSwitch)
        {
            foreach (var section in statementSwitch.Cases)
            {
                if (section.Body.Length != 1 || SingleReturn(section.Body[0]) is not { } value)
                {
                    return false;
                }

                foreach (var clause in section.Clauses)
                {
                    var parts = new List<IOperation>();
                    switch (clause)
                    {
                        case IDefaultCaseClauseOperation:
                            break;
                        case IPatternCaseClauseOperation pattern:
                            parts.Add(pattern);
                            if (pattern.Guard is { } guard)
                            {
                                parts.Add(guard);
                            }

                            break;
                        default:
                            parts.Add(clause); // `case 429:`
                            break;
                    }

                    if (!AddAnswer(yes, parts, value, 0))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool HasDefault(ISwitchOperation statementSwitch) =>
            statementSwitch.Cases.Any(section => section.Clauses.Any(clause => clause is IDefaultCaseClauseOperation));

        /// <summary>
        /// What a read of a local of a chain stands for: for a reference to a local declared at the start of a body
        /// <see cref="YesTests"/> reads (with a readable initializer, never written again), that initializer, unwrapped
        /// and followed through further such locals; otherwise <paramref name="operation"/> unwrapped.
        /// </summary>
        public static IOperation StandIn(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            for (var depth = 0; depth < MaxStandInDepth && operation is ILocalReferenceOperation { Local: { } local } reference; depth++)
            {
                if ((InitializerInChain(reference, local) ?? StatusLocalInitializer(reference, local)) is not { } initializer)
                {
                    break;
                }

                operation = ValueOrigins.Unwrap(initializer);
            }

            return operation;
        }

        private const int MaxStandInDepth = 8;

        /// <summary>
        /// <c>var status = (int)response.StatusCode;</c> (also <c>e.Status</c>, Betalgo's <c>r.HttpStatusCode</c>), never
        /// written again in its block: a read of the local is a read of the status, so <c>if (status == 429)</c> is a
        /// status test. The initializer, or null for any other local.
        /// </summary>
        private static IOperation? StatusLocalInitializer(IOperation reference, ILocalSymbol local)
        {
            for (var ancestor = reference.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor is not IBlockOperation block || !block.Locals.Contains(local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                IOperation? initializer = null;
                foreach (var operation in block.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                            initializer = declarator.GetVariableInitializer()?.Value;
                            break;
                        case ILocalReferenceOperation read when SymbolEqualityComparer.Default.Equals(read.Local, local) && IsWritten(read):
                            return null;
                    }
                }

                return initializer is not null
                    && ValueOrigins.Unwrap(initializer) is IPropertyReferenceOperation { Property.Name: "Status" or "StatusCode" or "HttpStatusCode" }
                    ? initializer
                    : null;
            }

            return null;
        }

        private static bool IsWritten(ILocalReferenceOperation read) => read.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == read,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };

        /// <summary>The initializer of <paramref name="local"/> when it is one of the leading locals of an enclosing chain.</summary>
        private static IOperation? InitializerInChain(IOperation reference, ILocalSymbol local)
        {
            for (var ancestor = reference.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor is not IBlockOperation block || !block.Locals.Contains(local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                // The block that declares the local: it must be a chain that is read, with the local among its leading locals.
                if (YesTests(block) is null)
                {
                    return null;
                }

                return LeadingDeclarators(block)
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))?.Initializer?.Value;
            }

            return null;
        }

        /// <summary>
        /// The index of the first statement after the leading local declarations of <paramref name="body"/>, when every
        /// one of those locals has a readable initializer (<see cref="IsReadOnly"/>) and is never written by a later
        /// statement; -1 otherwise.
        /// </summary>
        private static int FirstAfterReadOnlyLocals(IBlockOperation body)
        {
            var operations = body.Operations;
            var first = 0;
            while (first < operations.Length && operations[first] is IVariableDeclarationGroupOperation)
            {
                first++;
            }

            if (first == 0)
            {
                return 0;
            }

            var declarators = LeadingDeclarators(body).ToList();
            if (declarators.Any(d => d.Symbol is null || d.Symbol.IsRef || d.Initializer?.Value is not { } value || !IsReadOnly(value, 0)))
            {
                return -1;
            }

            // The declarations must be the whole of their statements (no initializer on the declaration itself, `int a, b = 1`).
            if (operations.Take(first).Cast<IVariableDeclarationGroupOperation>().SelectMany(g => g.Declarations).Any(d => d.Initializer is not null))
            {
                return -1;
            }

            return WrittenAfter(body, first, declarators) ? -1 : first;
        }

        private static IEnumerable<IVariableDeclaratorOperation> LeadingDeclarators(IBlockOperation body) =>
            body.Operations.TakeWhile(o => o is IVariableDeclarationGroupOperation)
                .Cast<IVariableDeclarationGroupOperation>()
                .SelectMany(g => g.Declarations)
                .SelectMany(d => d.Declarators);

        /// <summary>
        /// A statement from <paramref name="first"/> on writes one of the locals (an assignment, <c>++</c>, <c>out</c>/<c>ref</c>,
        /// a lambda that assigns it), or the data flow cannot be read (then it counts as written).
        /// </summary>
        private static bool WrittenAfter(IBlockOperation body, int first, List<IVariableDeclaratorOperation> declarators)
        {
            var operations = body.Operations;
            if (first >= operations.Length || body.SemanticModel is not { } model
                || operations[first].Syntax is not StatementSyntax firstStatement
                || operations[operations.Length - 1].Syntax is not StatementSyntax lastStatement
                || firstStatement.Parent != lastStatement.Parent)
            {
                return true;
            }

            var flow = model.AnalyzeDataFlow(firstStatement, lastStatement);
            return flow is null || !flow.Succeeded
                || declarators.Any(d => flow.WrittenInside.Contains(d.Symbol, SymbolEqualityComparer.Default));
        }

        /// <summary>
        /// A value computed only by reading: constants, parameters, locals, <c>this</c>, conversions (no user-defined
        /// operator), <c>as</c>, <c>?.</c>, property reads without arguments, field reads, built-in operators, <c>?:</c>,
        /// <c>??</c>, type tests and patterns (no positional <c>Deconstruct</c>). A call, a creation, an assignment, an
        /// increment, an <c>await</c>, an indexer or anything else is not.
        /// </summary>
        private static bool IsReadOnly(IOperation operation, int depth)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (depth > MaxReadDepth)
            {
                return false;
            }

            if (operation.ConstantValue.HasValue)
            {
                return true;
            }

            var next = depth + 1;
            switch (operation)
            {
                case ILiteralOperation:
                case IParameterReferenceOperation:
                case ILocalReferenceOperation:
                case IInstanceReferenceOperation:
                case IConditionalAccessInstanceOperation:
                case IDefaultValueOperation:
                case ITypeOfOperation:
                    return true;
                case IConversionOperation conversion:
                    return conversion.OperatorMethod is null && IsReadOnly(conversion.Operand, next);
                case IParenthesizedOperation parenthesized:
                    return IsReadOnly(parenthesized.Operand, next);
                case IConditionalAccessOperation conditional:
                    return IsReadOnly(conditional.Operation, next) && IsReadOnly(conditional.WhenNotNull, next);
                case IPropertyReferenceOperation property:
                    return property.Arguments.Length == 0 && (property.Instance is null || IsReadOnly(property.Instance, next));
                case IFieldReferenceOperation field:
                    return field.Instance is null || IsReadOnly(field.Instance, next);
                case IBinaryOperation binary:
                    return binary.OperatorMethod is null && IsReadOnly(binary.LeftOperand, next) && IsReadOnly(binary.RightOperand, next);
                case IUnaryOperation unary:
                    return unary.OperatorMethod is null && IsReadOnly(unary.Operand, next);
                case ICoalesceOperation coalesce:
                    return IsReadOnly(coalesce.Value, next) && IsReadOnly(coalesce.WhenNull, next);
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    return IsReadOnly(choice.Condition, next) && IsReadOnly(choice.WhenTrue, next) && IsReadOnly(whenFalse, next);
                case IIsTypeOperation isType:
                    return IsReadOnly(isType.ValueOperand, next);
                case IIsPatternOperation isPattern:
                    return IsReadOnly(isPattern.Value, next)
                        && !isPattern.Pattern.DescendantsAndSelf().OfType<IRecursivePatternOperation>().Any(p => p.DeconstructSymbol is not null);
                default:
                    return false;
            }
        }

        private const int MaxReadDepth = 16;

        private static IOperation? SingleReturn(IOperation statement) => statement switch
        {
            IReturnOperation { ReturnedValue: { } value } => value,
            IBlockOperation { Operations.Length: 1 } block => SingleReturn(block.Operations[0]),
            _ => null,
        };

        private static bool? Constant(IOperation value) =>
            ValueOrigins.Unwrap(value).ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;
    }
}
