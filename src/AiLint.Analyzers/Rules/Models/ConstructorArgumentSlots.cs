using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// review81 U-1 (KikiAI's provider factory): <c>new ClaudeProvider(http, key, "claude-3-haiku-20240307")</c> where the
    /// project's <c>ClaudeProvider</c> stores <c>model</c> in a <c>readonly</c> field (<c>_model = model;</c>, a statement of
    /// the constructor body) and posts <c>new { model = _model, ... }</c> to Anthropic's Messages API: every instance built
    /// there sends the constant argument. Decides, per constructor parameter and cached for the compilation, whether such a
    /// path exists and whose ids count at its end. The same reading the project summary gives a referenced library's
    /// constructor (<see cref="ModelParameterFields.StoredFieldSlots"/>), plus the type's raw request bodies.
    /// </summary>
    /// <remarks>
    /// Followed only when the provider is known at every place the field is sent: an SDK slot that takes an OpenAI-style
    /// id (no Azure deployment, no other server; at Anthropic's own slots, Anthropic's ids), a raw body posted to
    /// api.openai.com (the URL or every base address of the client) or to Anthropic's API. A body posted to any other host,
    /// one the code does not spell, or an endpoint chosen at run time leaves the parameter unfollowed, and so do slots of
    /// two providers (a provider switch inside the class). The field must be <c>readonly</c>, written by the constructors
    /// alone, once each (<see cref="ConstructorFieldValues"/>), and the parameter never written in its constructor. The
    /// field may hold the parameter behind the constructor's own blank fallback (<see cref="HoldsParameter"/>).
    /// </remarks>
    internal sealed class ConstructorArgumentSlots
    {
        // What the reads of a field may be sent to: every provider's ids (OpenAI's host, the OpenAI SDK's slots), or one
        // provider's. The raw bodies' marker for "every provider", since a provider name is never empty.
        private const string AnyProvider = RawHttpModelIds.AnyProvider;

        private readonly ConcurrentDictionary<IParameterSymbol, Outcome> outcomes = new ConcurrentDictionary<IParameterSymbol, Outcome>(SymbolEqualityComparer.Default);

        /// <summary>Where a constructor parameter's argument ends up, when it is followed.</summary>
        internal readonly struct Outcome
        {
            public Outcome(bool followed, string? provider, bool viaSdk)
            {
                Followed = followed;
                Provider = provider;
                ViaSdk = viaSdk;
            }

            /// <summary>Whether the argument reaches model slots whose provider is known.</summary>
            public bool Followed { get; }

            /// <summary>The one provider whose ids count there, or null for every provider's.</summary>
            public string? Provider { get; }

            /// <summary>Whether an SDK slot reads it (its client may be one the project points at another server).</summary>
            public bool ViaSdk { get; }
        }

        /// <summary>Whether a constructor may store its arguments for a model slot (cheap test first): an instance constructor of a class of the project.</summary>
        public static bool IsCandidate(IMethodSymbol constructor, Compilation compilation) =>
            constructor.MethodKind == MethodKind.Constructor
            && !constructor.IsStatic
            && constructor.ContainingType?.TypeKind == TypeKind.Class
            && constructor.DeclaringSyntaxReferences.Length == 1
            && SourceBodies.IsInSource(constructor, compilation);

        /// <summary>
        /// Whether the instances a constructor initializer (<c>: this(...)</c>, <c>: base(...)</c>) builds send what the called
        /// constructor's class sends: always for <c>: this(...)</c>; for <c>: base(...)</c>, when the deriving class
        /// overrides no member of the base classes (but <see cref="object"/>'s), since an override may post the request
        /// elsewhere or with another model (a local server's class over an OpenAI base). The chaining class is the type the
        /// initializer is declared in (the receiver of <c>: base(...)</c> is typed as the base).
        /// </summary>
        public static bool SendsAsDeclared(IInvocationOperation initializer, CancellationToken cancellationToken)
        {
            if (initializer.SemanticModel is not { } model
                || initializer.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol chaining)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(chaining, initializer.TargetMethod.ContainingType))
            {
                return true;
            }

            foreach (var member in chaining.GetMembers())
            {
                if (member.IsOverride && OverriddenOwner(member) is not { SpecialType: SpecialType.System_Object })
                {
                    return false;
                }
            }

            return true;
        }

        // The type declaring what an override replaces (null when the compiler could not bind it: treated as a base's).
        private static INamedTypeSymbol? OverriddenOwner(ISymbol member) =>
            member switch
            {
                IMethodSymbol method => method.OverriddenMethod?.ContainingType,
                IPropertySymbol property => property.OverriddenProperty?.ContainingType,
                IEventSymbol @event => @event.OverriddenEvent?.ContainingType,
                _ => null,
            };

        /// <summary>Where the argument for <paramref name="parameter"/> (of a constructor that passed <see cref="IsCandidate"/>) is sent.</summary>
        public Outcome Of(IParameterSymbol parameter, KnownModelSymbols symbols, RawHttpModelIds? rawHttp, Compilation compilation, CancellationToken cancellationToken) =>
            outcomes.GetOrAdd(parameter.OriginalDefinition, p => Compute(p, symbols, rawHttp, compilation, cancellationToken));

        private static Outcome Compute(IParameterSymbol parameter, KnownModelSymbols symbols, RawHttpModelIds? rawHttp, Compilation compilation, CancellationToken cancellationToken)
        {
            var none = new Outcome(false, null, false);
            if (!HelperParameterSlots.IsUnwrittenString(parameter, out var constructor, cancellationToken)
                || constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration)
            {
                return none;
            }

            var model = SourceBodies.GetSemanticModel(compilation, declaration.SyntaxTree);
            var fields = StoredIn(declaration, parameter, model, cancellationToken);
            if (fields == null || fields.Count == 0
                || ModelParameterFields.StoredFieldSlots(declaration, parameter, model, symbols, cancellationToken) is not { } sdkSlots)
            {
                return none;
            }

            var providers = new HashSet<string>(sdkSlots.Select(slot => SlotProviders.Of(slot) ?? AnyProvider));
            if (rawHttp != null && !AddRawBodyProviders(fields, constructor.ContainingType, rawHttp, providers, compilation, cancellationToken))
            {
                return none;
            }

            return providers.Count == 1
                ? new Outcome(true, providers.First() is { Length: > 0 } provider ? provider : null, sdkSlots.Count > 0)
                : none;
        }

        /// <summary>
        /// The fields the constructor's own statements set to the parameter (<c>_model = model;</c>, <c>this._model = model;</c>),
        /// with what each constructor assigns them (the writes <see cref="ConstructorFieldValues"/> accepts); null when one
        /// of them is not a <c>readonly</c> instance string field (the page follows only those, as for a stored default).
        /// </summary>
        private static List<(IFieldSymbol Field, SyntaxNode Stored)>? StoredIn(ConstructorDeclarationSyntax declaration, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            var expressions = declaration.ExpressionBody is { } arrow
                ? new[] { arrow.Expression }
                : declaration.Body?.Statements.OfType<ExpressionStatementSyntax>().Select(statement => statement.Expression) ?? Enumerable.Empty<ExpressionSyntax>();
            var fields = new List<(IFieldSymbol, SyntaxNode)>(1);
            foreach (var expression in expressions)
            {
                if (expression is not AssignmentExpressionSyntax assignment
                    || !MentionsName(assignment.Right, parameter.Name)
                    || model.GetOperation(assignment, cancellationToken) is not ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field, Instance: IInstanceReferenceOperation }, Value: var value }
                    || !HoldsParameter(value, parameter))
                {
                    continue;
                }

                if (field.IsStatic || !field.IsReadOnly || field.Type.SpecialType != SpecialType.System_String)
                {
                    return null;
                }

                fields.Add((field, assignment.Right));
            }

            return fields;
        }

        /// <summary>
        /// The constant a constructor argument sends: a constant, or the fallback of a <c>??</c> whose left side is no
        /// configuration read (an environment variable), written at the argument or as the value of a local nothing
        /// writes again. Claude-AI-MCP's <c>var claudeModel = Environment.GetEnvironmentVariable("CLAUDE_MODEL") ??
        /// "claude-3-haiku-20240307";</c> passed to <c>new ClaudeClient(http, key, claudeModel)</c> sends that literal on every
        /// run without the variable, whatever fallback the constructor has of its own. A configuration read gives null:
        /// the settings files may set the key, which only the slot rules tell.
        /// </summary>
        public static string? SentConstant(IOperation argument, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Fold(argument, cancellationToken) is { } constant)
            {
                return constant;
            }

            var value = ModelIdValue.Unwrap(argument);
            if (value is ILocalReferenceOperation { Local: var local }
                && value.SemanticModel is { } model
                && ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                && model.GetOperation(initializer, cancellationToken) is { } initialValue)
            {
                value = ModelIdValue.Unwrap(initialValue);
            }

            return value is ICoalesceOperation coalesce
                && HelperReturnIds.ConfigurationRead(coalesce.Value, symbols, cancellationToken) == null
                && !NeverNullFallbacks.IsDead(coalesce, cancellationToken)
                    ? ModelIdValue.Fold(coalesce.WhenNull, cancellationToken)
                    : null;
        }

        // Cheap syntax test before binding: the parameter's name appears in the stored value.
        private static bool MentionsName(ExpressionSyntax value, string name) =>
            value is IdentifierNameSyntax identifier
                ? identifier.Identifier.ValueText == name
                : value.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == name);

        /// <summary>
        /// Whether the field holds the parameter whenever the caller passes a real id: <c>_model = model;</c>, or the
        /// parameter behind its own blank fallback, Claude-AI-MCP's <c>_model = string.IsNullOrWhiteSpace(model) ?
        /// "claude-3-haiku-20240307" : model!;</c> (also <c>IsNullOrEmpty</c>, <c>model == null</c>, <c>model is null</c>,
        /// either side) and <c>_model = model ?? "..."</c>. The constructor's own fallback is read where it is written.
        /// </summary>
        private static bool HoldsParameter(IOperation value, IParameterSymbol parameter)
        {
            switch (ModelIdValue.Unwrap(value))
            {
                case IParameterReferenceOperation reference:
                    return SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
                case ICoalesceOperation coalesce:
                    return IsParameter(coalesce.Value, parameter) && coalesce.WhenNull.ConstantValue.HasValue;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when TestsBlank(conditional.Condition, parameter) is { } blankWhen:
                    // blankWhen true: `IsNullOrWhiteSpace(model) ? "x" : model`; false: `model != null ? model : "x"`.
                    var (fallback, kept) = blankWhen ? (conditional.WhenTrue, whenFalse) : (whenFalse, conditional.WhenTrue);
                    return IsParameter(kept, parameter) && fallback.ConstantValue.HasValue;
                default:
                    return false;
            }
        }

        private static bool IsParameter(IOperation value, IParameterSymbol parameter) =>
            ModelIdValue.Unwrap(value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);

        // True when the condition holds for a blank parameter (`string.IsNullOrWhiteSpace(model)`, `model == null`,
        // `model is null`), false when it holds for a set one (`!string.IsNullOrEmpty(model)`, `model != null`), null otherwise.
        private static bool? TestsBlank(IOperation condition, IParameterSymbol parameter)
        {
            switch (ModelIdValue.Unwrap(condition))
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return !TestsBlank(not.Operand, parameter);
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.SpecialType: SpecialType.System_String, Name: "IsNullOrWhiteSpace" or "IsNullOrEmpty" }, Arguments.Length: 1 } test:
                    return IsParameter(test.Arguments[0].Value, parameter) ? true : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when (IsParameter(comparison.LeftOperand, parameter) && IsNull(comparison.RightOperand))
                        || (IsParameter(comparison.RightOperand, parameter) && IsNull(comparison.LeftOperand)):
                    return comparison.OperatorKind == BinaryOperatorKind.Equals;
                case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } isNull when IsParameter(isNull.Value, parameter) && IsNull(constant):
                    return true;
                default:
                    return null;
            }
        }

        private static bool IsNull(IOperation value) => value.ConstantValue is { HasValue: true, Value: null };

        /// <summary>
        /// Adds the provider of each raw request body of the type (its members in the constructor's file) that sends one of
        /// <paramref name="fields"/> as its model, when the constructors fix the field there; false when one goes to a host
        /// whose provider is not known (another host, one the code does not spell, Ollama's or Azure's paths).
        /// </summary>
        private static bool AddRawBodyProviders(List<(IFieldSymbol Field, SyntaxNode Stored)> fields, INamedTypeSymbol type, RawHttpModelIds rawHttp, HashSet<string> providers, Compilation compilation, CancellationToken cancellationToken)
        {
            var tree = fields[0].Stored.SyntaxTree;
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != tree)
                {
                    continue;
                }

                foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
                {
                    foreach (var (post, urlText, requestBody) in rawHttp.RequestsIn(body, cancellationToken))
                    {
                        if (!SendsStoredField(requestBody, fields, compilation, cancellationToken))
                        {
                            continue;
                        }

                        if (rawHttp.ProviderAt(post, urlText, compilation, cancellationToken) is not { } provider)
                        {
                            return false;
                        }

                        providers.Add(provider);
                    }
                }
            }

            return true;
        }

        // The body's model is one of the fields, read where the constructors' writes (the stored parameter among them) reach it.
        private static bool SendsStoredField(IOperation body, List<(IFieldSymbol Field, SyntaxNode Stored)> fields, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var model in RequestBodyModelIds.Read(body, compilation, cancellationToken))
            {
                if (model.Value is { } value
                    && ModelIdValue.Unwrap(value) is IFieldReferenceOperation read
                    && fields.Any(stored => SymbolEqualityComparer.Default.Equals(stored.Field, read.Field)
                        && ConstructorFieldValues.Of(read, cancellationToken).Contains(stored.Stored)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
