using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The constant ids a helper of the project returns, for a model slot that calls it:
    /// <c>client.GetChatClient(ModelFor(tier))</c> with <c>static string ModelFor(Tier tier) =&gt; tier switch { ... }</c>.
    /// Each constant a <c>return</c> (or the expression body) can produce is an id the app sends on some path: literals
    /// and constants, the branches of a conditional or a switch expression, a <c>??</c> fallback, a parameter it returns
    /// unchanged that the call passes a constant to (<see cref="HelperArguments.ReturnedConstant"/>). Catalog entries of
    /// the project's model enum are not ids the code picks: the arms of <see cref="ModelNameArms"/> and their statement
    /// forms (<see cref="ModelNameReturns"/>). A helper may also return a community SDK's catalog entry
    /// (OpenAI_API's <c>Model</c>: <c>name switch { "GPT4" =&gt; Model.GPT4, _ =&gt; Model.ChatGPTTurbo }</c>), read as
    /// the same entry is at the slot, and a local set by one switch statement is followed in its simple form
    /// (<see cref="SwitchAssignedReturns"/>, shahshyam/ChatGPTAssistant's <c>GetModel</c>). One level deep: a
    /// helper that calls another helper, or returns another parameter, a field that changes or configuration, gives
    /// nothing for those.
    /// Only ordinary, non-virtual methods declared in the project are read (an override or an interface implementation
    /// may return something else at run time).
    /// </summary>
    internal static class HelperReturnIds
    {
        public static List<string> Of(IInvocationOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            var ids = new List<string>();
            var method = call.TargetMethod;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || !ReturnsAnId(method.ReturnType, symbols)
                || method.ContainingType?.TypeKind == TypeKind.Interface
                || call.SemanticModel?.Compilation is not { } compilation
                || !SourceBodies.IsInSource(method, compilation)
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return ids;
            }

            var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            var arguments = HelperArguments.Of(call);
            foreach (var (returned, body) in Returned(declaration))
            {
                // ModelFor(Tier.Fast): a return the call's constants rule out is not an id this call sends.
                if (body != null && !arguments.IsEmpty && returned.Parent is ReturnStatementSyntax statement
                    && !arguments.MayRun(statement, body, model, cancellationToken))
                {
                    continue;
                }

                if (model.GetOperation(returned, cancellationToken) is not { } operation)
                {
                    continue;
                }

                // `case ChatGptModel.Gpt4: return "gpt-4";` over a member the caller picks: a catalog entry, as the
                // switch expression's arm is (ModelNameReturns).
                if (body != null && returned.Parent is ReturnStatementSyntax catalogReturn
                    && (ModelIdValue.Fold(operation, cancellationToken) ?? symbols.SdkModelEnumId(operation)) is { } constantId
                    && ModelNameReturns.IsCatalogEntry(catalogReturn, constantId, model, arguments, cancellationToken))
                {
                    continue;
                }

                // `Model model = Model.ChatGPTTurbo; switch (name) { case "GPT4": model = Model.GPT4; break; } return model;`
                if (body != null && returned.Parent is ReturnStatementSyntax localReturn
                    && SwitchAssignedReturns.Values(localReturn, body, model, arguments, cancellationToken) is { } assigned)
                {
                    foreach (var value in assigned)
                    {
                        if (model.GetOperation(value, cancellationToken) is { } assignedValue
                            && !((ModelIdValue.Fold(assignedValue, cancellationToken) ?? symbols.SdkModelEnumId(assignedValue)) is { } sectionId
                                && SwitchAssignedReturns.IsCatalogSection(value, sectionId, model, arguments, cancellationToken)))
                        {
                            Collect(assignedValue, symbols, arguments, ids, cancellationToken);
                        }
                    }

                    continue;
                }

                Collect(operation, symbols, arguments, ids, cancellationToken);
            }

            return ids;
        }

        // A string, or OpenAI_API's Model, whose static entries each name one id (KnownOlderSdkModelSymbols.CatalogId);
        // the slots that take it convert it to the id it holds.
        private static bool ReturnsAnId(ITypeSymbol type, KnownModelSymbols symbols) =>
            type.SpecialType == SpecialType.System_String
            || (symbols.OlderSdks.OpenAIApiModel is { } catalog && SymbolEqualityComparer.Default.Equals(type, catalog));

        // The expression body, or the expressions of the body's own return statements (not those of lambdas or local
        // functions inside it), each with the block body it returns from (null for an expression body).
        private static IEnumerable<(ExpressionSyntax Returned, SyntaxNode? Body)> Returned(SyntaxNode declaration)
        {
            var (expressionBody, body) = declaration switch
            {
                MethodDeclarationSyntax method => (method.ExpressionBody, (SyntaxNode?)method.Body),
                LocalFunctionStatementSyntax local => (local.ExpressionBody, local.Body),
                _ => (null, null),
            };

            if (expressionBody != null)
            {
                yield return (expressionBody.Expression, null);
                yield break;
            }

            if (body == null)
            {
                yield break;
            }

            foreach (var statement in body.DescendantNodes(node => node == body || !(node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
            {
                if (statement.Expression != null)
                {
                    yield return (statement.Expression, body);
                }
            }
        }

        /// <summary>
        /// The configuration key a value reads (<see cref="KnownModelSymbols.ConfigurationKey"/>), directly or through a
        /// local that nothing writes again (<c>var configured = config["OpenAI:Model"];</c>). Null otherwise.
        /// </summary>
        internal static string? ConfigurationRead(IOperation value, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.ConfigurationKey(value) is { } key)
            {
                return key;
            }

            return ModelIdValue.Unwrap(value) is ILocalReferenceOperation { Local: var local }
                && value.SemanticModel is { } model
                && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                && model.GetOperation(initializer, cancellationToken) is { } initialValue
                    ? symbols.ConfigurationKey(initialValue)
                    : null;
        }

        private static void Collect(IOperation value, KnownModelSymbols symbols, HelperArguments arguments, List<string> ids, CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            switch (ModelIdValue.Unwrap(value))
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // `string.IsNullOrEmpty(configured) ? "gpt-4" : configured`: a configured key's fallback, like `??`.
                    if (ConfigurationRead(conditional.WhenTrue, symbols, cancellationToken) != null
                        || ConfigurationRead(whenFalse, symbols, cancellationToken) != null)
                    {
                        return;
                    }

                    var taken = arguments.Evaluate(conditional.Condition);
                    if (taken != false)
                    {
                        Collect(conditional.WhenTrue, symbols, arguments, ids, cancellationToken);
                    }

                    if (taken != true)
                    {
                        Collect(whenFalse, symbols, arguments, ids, cancellationToken);
                    }

                    return;
                case ISwitchExpressionOperation choice:
                    // tier switch { ... } with ModelFor(Tier.Fast): only the arm that constant picks.
                    var picked = arguments.ArmFor(choice, out var decided);
                    if (decided)
                    {
                        if (picked != null)
                        {
                            Collect(picked, symbols, arguments, ids, cancellationToken);
                        }

                        return;
                    }

                    foreach (var arm in choice.Arms)
                    {
                        // settings.Model.ToApiName() over the project's model enum: the arms are a catalog (ModelNameArms).
                        if (!((ModelIdValue.Fold(arm.Value, cancellationToken) ?? symbols.SdkModelEnumId(arm.Value)) is { } armId && ModelNameArms.IsTranslation(arm, armId)))
                        {
                            Collect(arm.Value, symbols, arguments, ids, cancellationToken);
                        }
                    }

                    return;
                case ICoalesceOperation coalesce when symbols.ConfigurationKey(coalesce.Value) == null:
                    // A configured key's fallback is left to the call site's rules (the settings files may set it); a
                    // fallback whose left side flow analysis proves not null is never returned.
                    if (NeverNullFallbacks.IsDead(coalesce, cancellationToken))
                    {
                        return;
                    }

                    Collect(coalesce.WhenNull, symbols, arguments, ids, cancellationToken);
                    return;
            }

            // A parameter returned as it came (an environment variable's default) is the constant the call passes.
            if ((ModelIdValue.Fold(value, cancellationToken) ?? symbols.SdkModelEnumId(value) ?? arguments.ReturnedConstant(value, symbols, cancellationToken)) is { Length: > 0 } id)
            {
                ids.Add(id);
            }
        }
    }
}
