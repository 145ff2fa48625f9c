// LoopRetryClassifier, result loops: the stricter input checks (sessions, values recomputed each pass, inputs handed to code that may change them); separate from ResultLoops.cs and from Inputs.cs, whose shared input test every loop kind uses.
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal static partial class LoopRetryClassifier
    {
        // ---- Inputs nobody else may change --------------------------------------------------------------------------

        /// <summary>
        /// The stricter input checks of a result loop: the call takes an agent session or thread; an input is recomputed
        /// inside the loop in a way that may differ (<see cref="MayBeNewEachPass"/>); or an input object is handed to, or its method called by, code that could
        /// change it (a project or SDK method: <c>await tools.RunAsync(response, messages)</c>).
        /// </summary>
        private static bool InputsMayChangeElsewhere(IInvocationOperation call, IOperation scope, HashSet<ISymbol> inputs, Compilation compilation, LogAndWaitCalls logging, IOperation? rerun = null)
        {
            var sessions = new[]
            {
                compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentSession"),
                compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AgentThread"),
                compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Agents.AgentThread"),
            };
            if (call.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Value.ConstantValue is not { HasValue: true, Value: null }
                && sessions.Any(s => KnownRetrySymbols.IsOrInherits(ValueOrigins.Unwrap(a.Value).Type, s))))
            {
                return true;
            }

            // The request itself built by a call that may answer differently: `chat.GetResponseAsync(BoardState())`.
            if (call.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue && MayBeNewEachPass(a.Value, compilation))
                || (call.Instance is { } built && MayBeNewEachPass(built, compilation)))
            {
                return true;
            }

            var receiverSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (call.Instance is { } instance)
            {
                foreach (var operation in instance.DescendantsAndSelf())
                {
                    if (ReadSymbol(operation) is { } symbol)
                    {
                        receiverSymbols.Add(symbol.OriginalDefinition);
                    }
                }
            }

            foreach (var operation in scope.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when inputs.Contains(declarator.Symbol)
                        && declarator.GetVariableInitializer() is { } initializer && MayBeNewEachPass(initializer.Value, compilation):
                        return true;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when inputs.Contains(target.Local)
                        && MayBeNewEachPass(assignment.Value, compilation):
                        return true;
                    case IInvocationOperation other when other != call && other.Syntax != rerun?.Syntax && !call.Syntax.Span.Contains(other.Syntax.Span) && MayChangeInputs(other, inputs, receiverSymbols, logging, compilation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A value the loop computes again on every pass that may differ: anything awaited (fresh data, the next queue
        /// message), or a call to a project method or an instance method outside the BCL (<c>prompts.Next()</c>). BCL calls
        /// (string formatting, LINQ), SDK factories (<c>ChatMessage.CreateUserMessage(text)</c>) and project methods that
        /// only compute from their arguments (<see cref="ReadOnlyProjectMethods"/>: <c>CreateRequest(request, configuration)</c>)
        /// give the same value, and so does a copy of a request (<see cref="RequestClones"/>: <c>await CloneAsync(request, ct)</c>,
        /// review 61), which is made anew only because .NET refuses to send one request message twice.
        /// </summary>
        private static bool MayBeNewEachPass(IOperation value, Compilation compilation) =>
            value.DescendantsAndSelf().Any(o => o switch
            {
                IAwaitOperation awaited => !IsRequestCopy(WithoutConfigureAwait(awaited.Operation), compilation),
                IInvocationOperation invocation => !IsBcl(invocation.TargetMethod)
                    && (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, compilation.Assembly) || invocation.Instance is not null)
                    && !ReadOnlyProjectMethods.IsReadOnlyCall(invocation, compilation)
                    && !IsRequestCopy(invocation, compilation),
                _ => false,
            });

        private static bool IsRequestCopy(IOperation operation, Compilation compilation) =>
            operation is IInvocationOperation call && RequestClones.OriginalArgument(call, compilation) is not null;

        private static IOperation WithoutConfigureAwait(IOperation operation) =>
            ValueOrigins.Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? ValueOrigins.Unwrap(task) : ValueOrigins.Unwrap(operation);

        private static bool MayChangeInputs(IInvocationOperation invocation, HashSet<ISymbol> inputs, HashSet<ISymbol> receiverSymbols, LogAndWaitCalls logging, Compilation compilation)
        {
            var method = invocation.TargetMethod;

            // A delegate called for its side effect (`nudge();`, `await onRejected(r);`) runs code the loop does not
            // show, which may add to a captured history. One whose result is used (`if (accept(r.Text))`) is a test.
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return IsStatementOfItsOwn(invocation.Syntax) && inputs.Any(i => !receiverSymbols.Contains(i));
            }

            // A project method that only reads what it is given (`DelayBeforeRetryAsync(configuration, attempt, ct)`), or
            // copies the request it is given (writing only the copy).
            if (IsBcl(method) || logging.IsLogging(method) || ReadOnlyProjectMethods.IsReadOnlyCall(invocation, compilation, calledForEffect: IsStatementOfItsOwn(invocation.Syntax))
                || IsRequestCopy(invocation, compilation))
            {
                return false;
            }

            if (invocation.Instance is { } instance && ReadSymbol(ValueOrigins.Unwrap(instance)) is { } owner
                && inputs.Contains(owner.OriginalDefinition) && !receiverSymbols.Contains(owner.OriginalDefinition) && IsMutableObject(instance.Type))
            {
                return true;
            }

            return invocation.Arguments.Any(a => ReadSymbol(ValueOrigins.Unwrap(a.Value)) is { } passed
                && inputs.Contains(passed.OriginalDefinition) && IsMutableObject(ValueOrigins.Unwrap(a.Value).Type))
                || OwnMethodMayChangeMembers(invocation, inputs, receiverSymbols);
        }

        /// <summary>
        /// A method of this object (or a static one of its type, or a local function) called with nothing from the request, whose body names a
        /// field, property or primary constructor parameter the request reads (<c>AddCorrection()</c> adding to the
        /// <c>history</c> field, <c>Tighten()</c> rewriting the instructions): the next pass may send a different request
        /// although the loop itself never names it. The body is matched by name, and a body that calls another method of
        /// this object counts too, so a false match only keeps a loop from being reported. Validators and counters that
        /// name none of the inputs (<c>IsJson(r.Text)</c>, <c>CountRejection()</c>) leave the retry reported.
        /// </summary>
        private static bool OwnMethodMayChangeMembers(IInvocationOperation invocation, HashSet<ISymbol> inputs, HashSet<ISymbol> receiverSymbols)
        {
            var method = invocation.TargetMethod;
            if (invocation.Instance is not (null or IInstanceReferenceOperation) || method.ContainingType is not { } type)
            {
                return false;
            }

            // A local function also sees the method's locals and parameters (`void Nudge() => messages.Add(...)`).
            var local = method.MethodKind == MethodKind.LocalFunction;
            var members = new HashSet<string>(inputs
                .Where(i => !receiverSymbols.Contains(i) && (local || IsMemberOf(i, type)))
                .Select(i => i.Name));
            if (members.Count == 0)
            {
                return false;
            }

            var declarations = method.DeclaringSyntaxReferences;
            if (declarations.Length == 0)
            {
                // A method of a base type from another assembly: its body is not visible.
                return true;
            }

            return declarations.Any(d => d.GetSyntax().DescendantNodes().Any(n => n switch
            {
                IdentifierNameSyntax name => members.Contains(name.Identifier.ValueText)
                    || (name.Parent is InvocationExpressionSyntax || (name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } member
                        && member.Name == name && member.Parent is InvocationExpressionSyntax)),
                _ => false,
            }));
        }

        /// <summary><c>f();</c> or <c>await f();</c>: a call made for what it does, its result unused.</summary>
        private static bool IsStatementOfItsOwn(SyntaxNode invocation)
        {
            var node = invocation.Parent;
            while (node is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            return node is ExpressionStatementSyntax;
        }

        /// <summary>A field or property of <paramref name="type"/> or a base type, or a parameter of its primary constructor.</summary>
        private static bool IsMemberOf(ISymbol symbol, INamedTypeSymbol type)
        {
            var owner = symbol switch
            {
                IFieldSymbol or IPropertySymbol => symbol.ContainingType,
                IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } => constructor.ContainingType,
                _ => null,
            };

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, owner?.OriginalDefinition))
                {
                    return owner is not null;
                }
            }

            return false;
        }

        private static bool IsBcl(IMethodSymbol method)
        {
            var ns = (method.ReducedFrom ?? method).ContainingNamespace;
            while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }

            return ns?.Name == "System";
        }

        /// <summary>An object a method could change: a class or interface other than string or a delegate.</summary>
        private static bool IsMutableObject(ITypeSymbol? type) =>
            type is not null && type.IsReferenceType && type.SpecialType != SpecialType.System_String && type.TypeKind != TypeKind.Delegate;
    }
}
