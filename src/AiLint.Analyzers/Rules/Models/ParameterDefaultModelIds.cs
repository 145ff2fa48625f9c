using System.Linq;
using System.Threading;
using AiLint.Analyzers.Summaries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>A parameter's default model id, and where the code writes it.</summary>
    internal readonly struct ParameterDefault
    {
        public ParameterDefault(IParameterSymbol parameter, string id, ExpressionSyntax value)
        {
            Parameter = parameter;
            Id = id;
            Value = value;
        }

        public IParameterSymbol Parameter { get; }

        public string Id { get; }

        /// <summary>The default value in the parameter's declaration (<c>= "gpt-4o"</c>): where the diagnostic goes.</summary>
        public ExpressionSyntax Value { get; }
    }

    /// <summary>
    /// <c>Task&lt;string&gt; AskAsync(string prompt, string model = "gpt-3.5-turbo")</c> whose body hands <c>model</c>
    /// to a model slot: every caller that omits the argument sends the default, so the default is a model id the code
    /// fixes. Reported once, at the default value, not at each caller (callers that pass their own id are checked at
    /// their own argument when it reaches a slot through them, which this does not follow).
    /// </summary>
    internal static class ParameterDefaultModelIds
    {
        /// <summary>
        /// The default of the parameter <paramref name="value"/> reads, when the code makes it certain that the slot
        /// receives it whenever a caller omits the argument: a by-value <c>string</c> parameter with a constant
        /// default, declared once in source, of a method, constructor, local function or lambda that nothing in its
        /// declaration writes again. Not for an override or an interface member or implementation (a call through
        /// the base or interface uses that declaration's default: see <see cref="OmittedAtInterfaceCall"/>), nor for a primary-constructor parameter of a class
        /// (read from several members, so no single place would report it once). Null otherwise.
        /// </summary>
        public static ParameterDefault? Find(IOperation value, CancellationToken cancellationToken)
        {
            if (ModelIdValue.Unwrap(value) is not IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, HasExplicitDefaultValue: true } parameter }
                || parameter.Type.SpecialType != SpecialType.System_String
                || parameter.ExplicitDefaultValue is not string id
                || string.IsNullOrWhiteSpace(id)
                || parameter.DeclaringSyntaxReferences.Length != 1
                || parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Default.Value: { } defaultValue } syntax
                || syntax.Parent is { ContainsDiagnostics: true } // a parameter list still being typed, as a half-typed construction
                || !IsOwnDefault(parameter.ContainingSymbol)
                || HasCallerInfo(parameter)
                || syntax.Parent?.Parent is not { } owner
                || owner is TypeDeclarationSyntax
                || IsWrittenIn(owner, parameter.Name))
            {
                return null;
            }

            return new ParameterDefault(parameter, id, defaultValue);
        }

        /// <summary>
        /// <c>ai.GenerateTextAsync(prompt)</c> on <c>IStoryAi</c> declaring <c>string model = "gpt-3.5-turbo"</c>
        /// (review63, StoryGenerator's <c>IOpenAIService</c>): an omitted argument takes the default of the method the
        /// call binds to, so a call through the interface sends the interface's default, whatever the implementation
        /// declares. The default of <paramref name="argument"/> (one the compiler filled in) when its parameter is a
        /// by-value <c>string</c> of a plain abstract method of a non-generic interface declared in the project, with a
        /// constant default written once in source and no caller-info attribute. Whether the implementation hands the
        /// parameter to a model slot is the caller's question (<see cref="HelperParameterSlots.ReachesModelSlot"/>).
        /// Null otherwise.
        /// </summary>
        public static ParameterDefault? OmittedAtInterfaceCall(IArgumentOperation argument, Compilation compilation, CancellationToken cancellationToken)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                || argument.Parameter?.OriginalDefinition is not { RefKind: RefKind.None, HasExplicitDefaultValue: true } parameter
                || parameter.Type.SpecialType != SpecialType.System_String
                || parameter.ContainingSymbol is not IMethodSymbol method
                || !SoleImplementations.IsCandidate(method, compilation)
                || parameter.ExplicitDefaultValue is not string id
                || string.IsNullOrWhiteSpace(id)
                || parameter.DeclaringSyntaxReferences.Length != 1
                || parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Default.Value: { } defaultValue }
                || HasCallerInfo(parameter))
            {
                return null;
            }

            return new ParameterDefault(parameter, id, defaultValue);
        }

        /// <summary>
        /// <c>public ChatService(OpenAIClient client, string model = "gpt-3.5-turbo") { _model = model; }</c> with
        /// <c>client.GetChatClient(_model)</c> in another member: the constructor stores its parameter's default in a
        /// <c>readonly</c> field of the type that a model slot of the type reads. Decided at the assignment, in the
        /// constructor, so the default is reported once however many members read the field. The assignment must be a
        /// statement of the constructor body itself (not under a condition); the parameter follows the rules of
        /// <see cref="Find"/>. The default is the argument every caller that omits it passes, so the slots are read as
        /// for a constant argument (<see cref="ConstructorArgumentSlots"/>): see <see cref="SentWithEveryProvidersIds"/>.
        /// </summary>
        public static ParameterDefault? StoredInField(ISimpleAssignmentOperation assignment, CancellationToken cancellationToken)
        {
            if (assignment.Target is not IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: true } field, Instance: IInstanceReferenceOperation }
                || field.Type.SpecialType != SpecialType.System_String
                || !IsConstructorStatement(assignment.Syntax)
                || Find(assignment.Value, cancellationToken) is not { } parameterDefault
                || assignment.SemanticModel is not { } model
                || assignment.Syntax.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not { } constructor
                || !SentWithEveryProvidersIds(constructor, parameterDefault.Parameter, model, cancellationToken))
            {
                return null;
            }

            return parameterDefault;
        }

        // `_model = model;` directly in the constructor's block, or `=> _model = model`.
        private static bool IsConstructorStatement(SyntaxNode assignment) =>
            assignment.Parent switch
            {
                ExpressionStatementSyntax { Parent: BlockSyntax { Parent: ConstructorDeclarationSyntax } } => true,
                ArrowExpressionClauseSyntax { Parent: ConstructorDeclarationSyntax } => true,
                _ => false,
            };

        /// <summary>
        /// Whether the SDK slots of the type that read the fields the constructor stores <paramref name="parameter"/> in
        /// take every provider's ids: the reading of a constant argument (<see cref="ModelParameterFields.StoredFieldSlots"/>,
        /// as <see cref="ConstructorArgumentSlots"/> reads it), so a slot of a client pointed at another server (LocalAI,
        /// Ollama's <c>/v1</c>) or at an Azure deployment leaves the default undecided here, as it leaves the argument
        /// unfollowed. The caller checks the default against the whole table, so only slots that check every provider's ids
        /// decide (the OpenAI SDK's, provider-neutral ones); at Anthropic's own slots the slot's reading of the field
        /// (<c>ModelUses.CheckConstructorField</c>, over Anthropic's rows) is left to report a Claude default. Not in a project
        /// that points OpenAI-style clients at another server (the stored client may be one), as for a constant argument.
        /// </summary>
        private static bool SentWithEveryProvidersIds(ConstructorDeclarationSyntax constructor, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbols = KnownModelSymbols.Create(model.Compilation);
            return ModelParameterFields.StoredFieldSlots(constructor, parameter, model, symbols, cancellationToken) is { Count: > 0 } slots
                && slots.TrueForAll(slot => SlotProviders.Of(slot) == null)
                && !symbols.ProjectRedirectsOpenAI(cancellationToken);
        }

        // A default of an override, an interface member or an explicit implementation is not the one every caller
        // gets: a call through the base or the interface uses the default declared there (an interface member's is read
        // at the calls that omit it, OmittedAtInterfaceCall).
        private static bool IsOwnDefault(ISymbol owner) =>
            owner is IMethodSymbol method
            && !method.IsOverride
            && method.ExplicitInterfaceImplementations.IsEmpty
            && method.ContainingType?.TypeKind != TypeKind.Interface;

        // [CallerMemberName] string model = "gpt-4o": a caller that omits the argument gets its own member name (or file
        // path, or argument text) from the compiler, never the written default.
        internal static bool HasCallerInfo(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is { } type
                    && type.Name.StartsWith("Caller", System.StringComparison.Ordinal)
                    && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether anything in <paramref name="owner"/> writes a name spelled <paramref name="name"/> (conservative: shadowing counts).</summary>
        private static bool IsWrittenIn(SyntaxNode owner, string name) =>
            owner.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier => identifier.Identifier.ValueText == name && ModelIdValue.IsWritten(identifier));
    }
}
