using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A prompt: a [Prompt]-annotated member, a string member whose constant value reaches an SDK prompt slot, or
    /// constant text written where it is used (see <see cref="PromptFlow"/>), with its folded constant text.
    /// </summary>
    internal sealed class PromptDeclaration
    {
        private PromptDeclaration(ISymbol? member, string id, string? text, Location location, PromptSourceMap? sourceMap, bool isAnnotated, string? typeName = null, PromptFileMap? fileMap = null)
        {
            Member = member;
            this.typeName = typeName;
            FileMap = fileMap;
            Id = id;
            Text = text;
            Location = location;
            SourceMap = sourceMap;
            IsAnnotated = isAnnotated;
        }

        private readonly string? typeName;

        /// <summary>The member (or, for text written at a slot, the containing member); null for a prompt file.</summary>
        public ISymbol? Member { get; }

        /// <summary>For a prompt file: maps the prompt text back to the file.</summary>
        public PromptFileMap? FileMap { get; }

        /// <summary>[Prompt("id")], else <c>Namespace.Type.Member</c> with nested types joined by '.'.</summary>
        public string Id { get; }

        /// <summary>The folded prompt text; null for a [Prompt] member whose value is not a constant.</summary>
        public string? Text { get; }

        /// <summary>The member's identifier, where AIL0301/AIL0302 go.</summary>
        public Location Location { get; }

        public PromptSourceMap? SourceMap { get; }

        public bool IsAnnotated { get; }

        /// <summary>The name of the type declaring the prompt: the default eval file is <c>evals/&lt;TypeName&gt;.evals.jsonl</c>.</summary>
        public string TypeName => typeName ?? Member?.ContainingType?.Name ?? "Prompts";

        /// <summary>Reads the [Prompt] members declared by a field or property declaration.</summary>
        public static void ReadAnnotated(MemberDeclarationSyntax member, SemanticModel model, KnownPromptSymbols symbols, List<PromptDeclaration> results, CancellationToken cancellationToken)
        {
            if (member.AttributeLists.Count == 0 || symbols.PromptAttribute == null)
            {
                return;
            }

            var found = new List<PromptDeclaration>(1);
            if (member is FieldDeclarationSyntax field)
            {
                foreach (var declarator in field.Declaration.Variables)
                {
                    Read(declarator, model, symbols, found, cancellationToken);
                }
            }
            else if (member is PropertyDeclarationSyntax property)
            {
                Read(property, model, symbols, found, cancellationToken);
            }

            foreach (var declaration in found)
            {
                if (declaration.IsAnnotated)
                {
                    results.Add(declaration);
                }
            }
        }

        /// <summary>
        /// Reads the prompt a field declarator or property declaration holds: [Prompt]-annotated, or a string member whose
        /// value (initializer, or the get-only property's single returned value) is a non-blank constant. Settings
        /// properties count by their constant default (<c>{ get; set; } = "..."</c>); one without a constant default
        /// (bound from configuration) is not a prompt.
        /// </summary>
        public static void Read(SyntaxNode node, SemanticModel model, KnownPromptSymbols symbols, List<PromptDeclaration> results, CancellationToken cancellationToken)
        {
            if (!(node is VariableDeclaratorSyntax || node is PropertyDeclarationSyntax)
                || !(model.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
                || !(symbol is IFieldSymbol field && field.Type.SpecialType == SpecialType.System_String
                    || symbol is IPropertySymbol property && property.Type.SpecialType == SpecialType.System_String))
            {
                return;
            }

            var annotation = FindPromptAttribute(symbol, symbols);
            var valueExpression = ValueExpression(node);
            var text = symbol is IFieldSymbol { IsConst: true } constant
                ? constant.ConstantValue as string
                : valueExpression != null ? model.GetConstantValue(valueExpression, cancellationToken).Value as string : null;
            var location = node is VariableDeclaratorSyntax declarator
                ? declarator.Identifier.GetLocation()
                : ((PropertyDeclarationSyntax)node).Identifier.GetLocation();
            PromptSourceMap? assembledMap = null;
            if (text == null && valueExpression != null && AssembledTextOf(valueExpression, model, cancellationToken) is { } assembled)
            {
                // `static readonly string Prompt = string.Join("\n", Rules)` / a StringBuilder chain: its text is known in source.
                text = assembled.Text();
                assembledMap = assembled.SourceMap(valueExpression.SyntaxTree);
            }

            Add(symbol, location, valueExpression, text, annotation, model, results, cancellationToken, assembledMap);
        }

        /// <summary>A member's value assembled only from constant pieces (no holes, no members of unknown text).</summary>
        private static AssembledText? AssembledTextOf(ExpressionSyntax valueExpression, SemanticModel model, CancellationToken cancellationToken) =>
            model.GetOperation(valueExpression, cancellationToken) is { } value
            && AssembledText.Flatten(value, model.Compilation, cancellationToken) is { IsFullyKnown: true } assembled
                ? assembled
                : null;

        /// <summary>The expression holding a field's or property's value: its initializer, or the get-only property's returned value.</summary>
        public static ExpressionSyntax? ValueExpression(SyntaxNode node) => node switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            PropertyDeclarationSyntax property => GetterValue(property),
            _ => null,
        };

        /// <summary>A prompt file (skprompt.txt, *.prompty, *.prompt.yaml): see <see cref="PromptFiles"/>.</summary>
        public static PromptDeclaration FromFile(string id, string typeName, string text, Location location, PromptFileMap map) =>
            new PromptDeclaration(null, id, text, location, null, isAnnotated: false, typeName, map);

        /// <summary>A prompt written where it is used (a literal, a constant expression or a template): its id is the containing member's.</summary>
        /// <param name="containingMember">The member the text is named after.</param>
        /// <param name="text">The text.</param>
        /// <param name="location">Where the text is written.</param>
        /// <param name="map">Maps the text back to the source.</param>
        /// <param name="hasHoles">Whether the text keeps non-constant values as holes.</param>
        /// <param name="isUnnamed">Whether the text has no name of its own (a literal, a template, assembled text), as opposed to a field it is assigned to.</param>
        public static PromptDeclaration Inline(ISymbol containingMember, string text, Location location, PromptSourceMap? map, bool hasHoles = false, bool isUnnamed = false) =>
            new PromptDeclaration(containingMember, FullName(containingMember), text, location, map, isAnnotated: false) { HasHoles = hasHoles, IsUnnamed = isUnnamed };

        /// <summary>
        /// A constant of a referenced assembly read at a slot of this project (<see cref="ReferencedConstants"/>): named
        /// after the constant, as a constant declared here is (<c>Namespace.Type.Member</c>), and reported where this
        /// project reads it, since its declaration has no source here.
        /// </summary>
        public static PromptDeclaration Referenced(IFieldSymbol constant, string text, Location readAt) =>
            new PromptDeclaration(constant, FullName(constant), text, readAt, sourceMap: null, isAnnotated: false) { IsReferencedConstant = true };

        /// <summary>
        /// A value written in a prompt dictionary's initializer (<see cref="DictionaryPrompts"/>): named after the dictionary
        /// and its key (<c>Namespace.Type.Prompts[cost]</c>), reported where the value is written.
        /// </summary>
        public static PromptDeclaration Keyed(ISymbol dictionary, string key, PromptDeclaration written) =>
            new PromptDeclaration(dictionary, FullName(dictionary) + "[" + key + "]", written.Text, written.Location, written.SourceMap, isAnnotated: false) { HasHoles = written.HasHoles, IsUnnamed = true };

        /// <summary>A constant of a referenced assembly: <see cref="Location"/> is where this project reads it, not its declaration.</summary>
        public bool IsReferencedConstant { get; private set; }

        /// <summary>A template whose text keeps non-constant values as <c>{expression}</c> (data, not instructions).</summary>
        public bool HasHoles { get; private set; }

        /// <summary>
        /// Text written where it is used (a literal, a template, assembled text; at the slot, in a local's initializer,
        /// in a method's return or a <c>??</c> fallback), named only after the member containing it: it has no name of
        /// its own that says it is a prompt.
        /// </summary>
        public bool IsUnnamed { get; private set; }

        /// <summary>The single value a get-only property returns: <c>=> x</c>, <c>{ get; } = x</c>, <c>{ get => x; }</c>, <c>{ get { return x; } }</c>.</summary>
        private static ExpressionSyntax? GetterValue(PropertyDeclarationSyntax property)
        {
            if (property.ExpressionBody != null)
            {
                return property.ExpressionBody.Expression;
            }

            if (property.Initializer != null)
            {
                return property.Initializer.Value;
            }

            var accessors = property.AccessorList?.Accessors;
            if (accessors is { Count: 1 } list && list[0].IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                var getter = list[0];
                if (getter.ExpressionBody != null)
                {
                    return getter.ExpressionBody.Expression;
                }

                if (getter.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax ret)
                {
                    return ret.Expression;
                }
            }

            return null;
        }

        private static void Add(
            ISymbol symbol,
            Location location,
            ExpressionSyntax? valueExpression,
            string? text,
            AttributeData? annotation,
            SemanticModel model,
            List<PromptDeclaration> results,
            CancellationToken cancellationToken,
            PromptSourceMap? assembledMap = null)
        {
            // A non-annotated member is a prompt (reached from a slot) only when its text is a non-blank constant.
            if (annotation == null && string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var explicitId = annotation != null && annotation.ConstructorArguments.Length == 1
                ? annotation.ConstructorArguments[0].Value as string
                : null;
            var id = string.IsNullOrWhiteSpace(explicitId) ? FullName(symbol) : explicitId!;
            var map = assembledMap ?? (text != null && valueExpression != null ? PromptSourceMap.Create(valueExpression, text, model, cancellationToken) : null);
            results.Add(new PromptDeclaration(symbol, id, text, location, map, annotation != null));
        }

        internal static AttributeData? FindPromptAttribute(ISymbol symbol, KnownPromptSymbols symbols)
        {
            if (symbols.PromptAttribute == null)
            {
                return null;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.PromptAttribute))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary><c>Namespace.Type.Member</c>, nested types joined with '.', no generic arity (contract.md).</summary>
        public static string FullName(ISymbol member)
        {
            var parts = new List<string> { member.Name };
            for (var type = member.ContainingType; type != null; type = type.ContainingType)
            {
                parts.Add(type.Name);
            }

            var ns = member.ContainingNamespace;
            var builder = new StringBuilder();
            if (ns != null && !ns.IsGlobalNamespace)
            {
                builder.Append(ns.ToDisplayString()).Append('.');
            }

            for (var i = parts.Count - 1; i >= 0; i--)
            {
                builder.Append(parts[i]);
                if (i > 0)
                {
                    builder.Append('.');
                }
            }

            return builder.ToString();
        }
    }
}
