using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>What a piece of an assembled string is.</summary>
    internal enum AssembledPartKind
    {
        /// <summary>Constant text written in place (a literal, a separator, a line break).</summary>
        Text,

        /// <summary>A read of a field or property: constant text when the member is <c>const</c>, else text the caller may resolve.</summary>
        Member,

        /// <summary>A value that is not known text (user input, a method's result): kept as <c>{expression}</c>.</summary>
        Hole,
    }

    /// <summary>One piece of an assembled string, in the order the program puts it together.</summary>
    internal readonly struct AssembledPart
    {
        public AssembledPart(AssembledPartKind kind, string? text, IOperation? operation, SyntaxToken? token)
        {
            Kind = kind;
            Text = text;
            Operation = operation;
            Token = token;
        }

        public AssembledPartKind Kind { get; }

        /// <summary>The text: the value for text and constant members, null for a member whose text is not constant, <c>{expression}</c> for a hole.</summary>
        public string? Text { get; }

        public IOperation? Operation { get; }

        /// <summary>The string literal or interpolated-text token that spells <see cref="Text"/>, for the source map.</summary>
        public SyntaxToken? Token { get; }
    }

    /// <summary>
    /// Takes apart a string the program assembles at run time from pieces written in source: <c>+</c> concatenation,
    /// interpolation, <c>string.Join</c> / <c>string.Concat</c> over arrays, collection expressions or list initializers,
    /// and a <c>StringBuilder</c> whose appends are statements of the block that declares it (or one fluent chain)
    /// before its <c>ToString()</c>. <c>AppendLine()</c> and <c>Environment.NewLine</c> are taken as <c>"\n"</c> (their
    /// value on Linux and macOS), so the text, and its hash, does not depend on the machine that builds. Appends under a
    /// condition, in a loop or through a helper become a hole (<see cref="VaryingText"/>); a builder cleared or edited
    /// before its <c>ToString()</c> has no text: <see cref="Flatten"/> returns null and the value is not a prompt.
    /// </summary>
    internal sealed class AssembledText
    {
        /// <summary>How many locals and members are followed for the pieces (as <see cref="PromptFlow.MaxDepth"/>).</summary>
        private const int MaxDepth = 4;

        /// <summary>More pieces than this is data being formatted, not a prompt written in code.</summary>
        private const int MaxParts = 400;

        private const string LineBreak = "\n";

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? stringBuilder;
        private readonly INamedTypeSymbol? environment;
        private readonly CancellationToken cancellationToken;
        private readonly List<AssembledPart> parts = new List<AssembledPart>();

        private AssembledText(Compilation compilation, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.cancellationToken = cancellationToken;
            stringBuilder = compilation.GetTypeByMetadataName("System.Text.StringBuilder");
            environment = compilation.GetTypeByMetadataName("System.Environment");
        }

        /// <summary>The <c>new StringBuilder(...)</c> whose text this is (the prompt is reported there), when it is a builder's.</summary>
        public SyntaxNode? BuilderSyntax { get; private set; }

        public IReadOnlyList<AssembledPart> Parts => parts;

        /// <summary>Takes <paramref name="value"/> apart, or returns null when it is not an assembled string or has no single text.</summary>
        public static AssembledText? Flatten(IOperation value, Compilation compilation, CancellationToken cancellationToken)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value.ConstantValue.HasValue || value.Syntax.ContainsDiagnostics)
            {
                return null;
            }

            var assembled = new AssembledText(compilation, cancellationToken);
            if (!assembled.IsAssembly(value) || !assembled.Add(value, 0) || assembled.parts.Count > MaxParts)
            {
                return null;
            }

            return assembled;
        }

        /// <summary>Whether the text is fully known: no holes, every member constant.</summary>
        public bool IsFullyKnown
        {
            get
            {
                foreach (var part in parts)
                {
                    if (part.Text == null || part.Kind == AssembledPartKind.Hole)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>The text, with <paramref name="memberText"/> for members that are not constant (else <c>{expression}</c>).</summary>
        public string Text(System.Func<AssembledPart, string?>? memberText = null)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var part in parts)
            {
                builder.Append(TextOf(part, memberText));
            }

            return builder.ToString();
        }

        /// <summary>The source map of the text: each piece spelled by one literal maps to it, the rest is unmapped.</summary>
        public PromptSourceMap SourceMap(SyntaxTree tree, System.Func<AssembledPart, string?>? memberText = null)
        {
            var pieces = new List<(int Length, SyntaxToken? Token)>(parts.Count);
            foreach (var part in parts)
            {
                var text = TextOf(part, memberText);
                pieces.Add((text.Length, part.Kind == AssembledPartKind.Text && part.Token is { } token && token.SyntaxTree == tree ? token : (SyntaxToken?)null));
            }

            return PromptSourceMap.ForTokens(tree, pieces);
        }

        private static string TextOf(AssembledPart part, System.Func<AssembledPart, string?>? memberText) =>
            part.Text
            ?? (part.Kind == AssembledPartKind.Member ? memberText?.Invoke(part) : null)
            ?? "{" + part.Operation?.Syntax.ToString() + "}";

        /// <summary>The shapes taken apart; anything else (a literal, a member, a method's result) is left to <see cref="PromptFlow"/>.</summary>
        private bool IsAssembly(IOperation value) =>
            IsConcatenation(value)
            || value is IInterpolatedStringOperation
            || (value is IInvocationOperation invocation && (IsJoinOrConcat(invocation.TargetMethod) || IsBuilderToString(invocation)));

        private static bool IsConcatenation(IOperation value) =>
            value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String;

        private static bool IsJoinOrConcat(IMethodSymbol method) =>
            method.IsStatic && method.ContainingType?.SpecialType == SpecialType.System_String && (method.Name == "Join" || method.Name == "Concat");

        private bool IsBuilderToString(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name == "ToString"
            && invocation.Arguments.IsEmpty
            && invocation.Instance != null
            && IsBuilder(invocation.Instance.Type);

        private bool IsBuilder(ITypeSymbol? type) => stringBuilder != null && SymbolEqualityComparer.Default.Equals(type, stringBuilder);

        /// <summary>Adds the pieces of a string-valued operation; false when it has no single text.</summary>
        private bool Add(IOperation? operation, int depth)
        {
            if (operation == null || parts.Count > MaxParts)
            {
                return false;
            }

            operation = KnownPromptSymbols.Unwrap(operation);
            if (operation.Syntax.ContainsDiagnostics)
            {
                return false;
            }

            // A constant concatenation is taken apart too, so `Instructions + "\n\n" + text` keeps Instructions as a member.
            if (operation is IBinaryOperation concatenation && IsConcatenation(concatenation))
            {
                return Add(concatenation.LeftOperand, depth) && Add(concatenation.RightOperand, depth);
            }

            if (operation.ConstantValue.HasValue)
            {
                var constant = operation.ConstantValue.Value;
                var text = constant as string ?? (constant is char c ? c.ToString() : constant == null ? string.Empty : null);
                if (text == null)
                {
                    AddHole(operation);
                }
                else if (operation is IFieldReferenceOperation || operation is IPropertyReferenceOperation)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Member, text, operation, null));
                }
                else
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Text, text, operation, operation is ILiteralOperation ? ((LiteralExpressionSyntax?)(operation.Syntax as LiteralExpressionSyntax))?.Token : null));
                }

                return true;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    return AddInterpolation(interpolated, depth);
                case IInterpolatedStringHandlerCreationOperation handler when handler.Content is IInterpolatedStringOperation content:
                    return AddInterpolation(content, depth);
                case IPropertyReferenceOperation property when IsNewLine(property):
                    parts.Add(new AssembledPart(AssembledPartKind.Text, LineBreak, operation, null));
                    return true;
                case IFieldReferenceOperation _:
                case IPropertyReferenceOperation { Arguments: { IsEmpty: true } }:
                    parts.Add(new AssembledPart(AssembledPartKind.Member, null, operation, null));
                    return true;
                case IInvocationOperation invocation when IsJoinOrConcat(invocation.TargetMethod):
                    if (!AddJoinOrConcat(invocation, depth))
                    {
                        AddHole(invocation);
                    }

                    return true;
                case IInvocationOperation invocation when IsBuilderToString(invocation):
                    return AddBuilder(invocation.Instance!, invocation, depth);
                case ILocalReferenceOperation local when local.Local.Type.SpecialType == SpecialType.System_String:
                    AddLocal(local, depth);
                    return true;
                default:
                    AddHole(operation);
                    return true;
            }
        }

        private void AddHole(IOperation operation) =>
            parts.Add(new AssembledPart(AssembledPartKind.Hole, "{" + operation.Syntax.ToString() + "}", operation, null));

        /// <summary>A local holding a string: its initializer's pieces when it is never written again and fully known, else a hole named after it.</summary>
        private void AddLocal(ILocalReferenceOperation local, int depth)
        {
            if (depth < MaxDepth && SingleUseInitializer(local.Local, requireSingleUse: false) is { } initializer)
            {
                var nested = new AssembledText(compilation, cancellationToken);
                if (nested.Add(initializer, depth + 1) && nested.IsFullyKnown && nested.parts.Count + parts.Count <= MaxParts)
                {
                    parts.AddRange(nested.parts);
                    return;
                }
            }

            AddHole(local);
        }

        private bool AddInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string value:
                        var token = (text.Syntax as InterpolatedStringTextSyntax)?.TextToken;
                        parts.Add(new AssembledPart(AssembledPartKind.Text, value, text, token is { } t && t.Text == value ? t : (SyntaxToken?)null));
                        break;
                    case IInterpolationOperation hole when hole.Alignment == null && hole.FormatString == null:
                        if (!Add(hole.Expression, depth))
                        {
                            return false;
                        }

                        break;
                    case IInterpolationOperation hole:
                        AddHole(hole.Expression);
                        break;
                    case IInterpolatedStringAppendOperation append when append.Kind == OperationKind.InterpolatedStringAppendLiteral
                        && append.AppendCall is IInvocationOperation { Arguments: { Length: 1 } } literal
                        && literal.Arguments[0].Value.ConstantValue.Value is string literalText:
                        var literalToken = (literal.Arguments[0].Value.Syntax as InterpolatedStringTextSyntax)?.TextToken;
                        parts.Add(new AssembledPart(AssembledPartKind.Text, literalText, append, literalToken is { } lt && lt.Text == literalText ? lt : (SyntaxToken?)null));
                        break;
                    case IInterpolatedStringAppendOperation append when append.Kind == OperationKind.InterpolatedStringAppendFormatted
                        && append.AppendCall is IInvocationOperation { Arguments: { Length: 1 } } formatted:
                        if (!Add(formatted.Arguments[0].Value, depth))
                        {
                            return false;
                        }

                        break;
                    case IInterpolatedStringAppendOperation append when append.AppendCall is IInvocationOperation { Arguments: { Length: > 0 } } other:
                        AddHole(other.Arguments[0].Value);
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary><c>string.Join(separator, elements)</c> / <c>string.Concat(elements)</c> over elements written in source; false when they are not.</summary>
        private bool AddJoinOrConcat(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            var isJoin = method.Name == "Join";
            string? separator = null;
            var elements = new List<IOperation?>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (isJoin && argument.Parameter?.Ordinal == 0)
                {
                    var value = KnownPromptSymbols.Unwrap(argument.Value);
                    separator = value.ConstantValue.Value is string s ? s
                        : value.ConstantValue.Value is char c ? c.ToString()
                        : value is IPropertyReferenceOperation property && IsNewLine(property) ? LineBreak
                        : null;
                    if (separator == null)
                    {
                        return false;
                    }

                    continue;
                }

                var parameterType = argument.Parameter?.Type;
                if (parameterType?.SpecialType == SpecialType.System_String)
                {
                    elements.Add(argument.Value);
                }
                else if (argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.IsParams == true
                    || parameterType is IArrayTypeSymbol || parameterType?.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    || parameterType?.Name == "ReadOnlySpan")
                {
                    if (!Elements(argument.Value, depth, elements))
                    {
                        return false;
                    }
                }
                else
                {
                    // Join(separator, value, startIndex, count) and other overloads: not a plain list of pieces.
                    return false;
                }
            }

            if (isJoin && separator == null)
            {
                return false;
            }

            for (var i = 0; i < elements.Count; i++)
            {
                if (i > 0 && isJoin)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Text, separator, invocation, null));
                }

                if (elements[i] is not { } element)
                {
                    parts.Add(new AssembledPart(AssembledPartKind.Hole, VaryingText, null, null));
                }
                else if (!Add(element, depth))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The string elements of a collection written in source: an array, a collection expression or a list initializer, directly or through a local or read-only member.</summary>
        private bool Elements(IOperation collection, int depth, List<IOperation?> elements)
        {
            collection = KnownPromptSymbols.Unwrap(collection);
            switch (collection)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    elements.AddRange(initializer.ElementValues);
                    return true;
                case IArrayInitializerOperation initializer:
                    // `static readonly string[] Rules = { ... };`: the field's initializer is the bare array initializer.
                    elements.AddRange(initializer.ElementValues);
                    return true;
                case { Syntax: CollectionExpressionSyntax expression, SemanticModel: { } model }:
                    // A collection expression `["...", "..."]` (read through syntax: the analyzer builds against an older Roslyn).
                    foreach (var element in expression.Elements)
                    {
                        if (!(element is ExpressionElementSyntax item) || !(model.GetOperation(item.Expression, cancellationToken) is { } value))
                        {
                            return false;
                        }

                        elements.Add(value);
                    }

                    return true;
                case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation initializer } creation
                    when creation.Arguments.IsEmpty || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32):
                    foreach (var element in initializer.Initializers)
                    {
                        if (element is IInvocationOperation { TargetMethod: { Name: "Add" }, Arguments: { Length: 1 } } add)
                        {
                            elements.Add(add.Arguments[0].Value);
                        }
                        else
                        {
                            return false;
                        }
                    }

                    return true;
                case ILocalReferenceOperation local when depth < MaxDepth:
                    // A collection local read only here is its initializer; one added to in the block before this read
                    // is its initializer and those adds (ListLocalElements).
                    return SingleUseInitializer(local.Local, requireSingleUse: true) is { } initializer2
                        ? Elements(initializer2, depth + 1, elements)
                        : ListLocalElements(local, depth, elements);
                // A read-only field or property initializer holds one shared collection that other code may add to:
                // only arrays are taken from there. A property that builds its list on each read (`=> new List<string>
                // { ... }`) is that list.
                case IFieldReferenceOperation field when depth < MaxDepth && field.Field.IsReadOnly && field.Field.Type is IArrayTypeSymbol:
                    return MemberValue(field.Field) is { } fieldValue && Elements(fieldValue, depth + 1, elements);
                case IPropertyReferenceOperation property when depth < MaxDepth && property.Property.IsReadOnly && property.Arguments.IsEmpty
                    && (property.Property.Type is IArrayTypeSymbol || BuildsOnEachRead(property.Property)):
                    return MemberValue(property.Property) is { } propertyValue && Elements(propertyValue, depth + 1, elements);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The text of a <c>StringBuilder</c> at <paramref name="toString"/>: a fluent chain from <c>new StringBuilder(...)</c>,
        /// or a local builder whose every use from its declaration to the statement holding <paramref name="toString"/> is an
        /// append statement directly in the same block.
        /// </summary>
        private bool AddBuilder(IOperation instance, IOperation toString, int depth)
        {
            instance = KnownPromptSymbols.Unwrap(instance);
            switch (instance)
            {
                case IObjectCreationOperation creation when IsBuilder(creation.Type):
                    BuilderSyntax ??= creation.Syntax;
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                        {
                            continue;
                        }

                        var type = argument.Parameter?.Type.SpecialType;
                        if (type == SpecialType.System_String && argument.Parameter!.Name == "value")
                        {
                            if (!Add(argument.Value, depth))
                            {
                                return false;
                            }
                        }
                        else if (type != SpecialType.System_Int32 || !(argument.Parameter!.Name == "capacity" || argument.Parameter.Name == "maxCapacity"))
                        {
                            // new StringBuilder(value, startIndex, length, capacity): a substring, not a piece.
                            return false;
                        }
                    }

                    return true;
                case IInvocationOperation append when append.Instance != null && IsBuilder(append.TargetMethod.ContainingType):
                    return AddBuilder(append.Instance, toString, depth) && AddAppend(append, depth);
                case ILocalReferenceOperation local when IsBuilder(local.Local.Type):
                    return AddLocalBuilder(local.Local, toString, depth);
                default:
                    return false;
            }
        }

        /// <summary>One <c>Append</c> / <c>AppendLine</c> call; false for any other builder call (Insert, Replace, Clear, AppendFormat...).</summary>
        private bool AddAppend(IInvocationOperation append, int depth)
        {
            var method = append.TargetMethod;
            if (method.Name != "Append" && method.Name != "AppendLine")
            {
                return false;
            }

            if (append.Arguments.Length > 1)
            {
                return false;
            }

            if (append.Arguments.Length == 1)
            {
                var value = append.Arguments[0].Value;
                var type = append.Arguments[0].Parameter?.Type;
                if (type?.SpecialType == SpecialType.System_String || type?.SpecialType == SpecialType.System_Char
                    || KnownPromptSymbols.Unwrap(value) is IInterpolatedStringHandlerCreationOperation)
                {
                    if (!Add(value, depth))
                    {
                        return false;
                    }
                }
                else
                {
                    AddHole(value);
                }
            }

            if (method.Name == "AppendLine")
            {
                parts.Add(new AssembledPart(AssembledPartKind.Text, LineBreak, append, null));
            }

            return true;
        }

        private bool AddLocalBuilder(ILocalSymbol local, IOperation toString, int depth)
        {
            if (depth >= MaxDepth
                || local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration)
                || Statements(declaration) is not { } statements)
            {
                return false;
            }

            var use = StatementIn(statements, toString.Syntax);
            var start = statements.IndexOf(declaration);
            var end = use == null ? -1 : statements.IndexOf(use);
            if (start < 0 || end <= start || CountReferences(use!, local.Name) != 1)
            {
                return false;
            }

            var model = SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree);
            if (!(model.GetOperation(initializer.Value, cancellationToken) is { } initial) || !AddBuilder(initial, toString, depth + 1))
            {
                return false;
            }

            for (var i = start + 1; i < end; i++)
            {
                var statement = statements[i];
                if (statement.ContainsDiagnostics)
                {
                    // Half-typed code between the builder and its use: its text is not settled yet.
                    return false;
                }

                var references = CountReferences(statement, local.Name);
                if (references == 0)
                {
                    continue;
                }

                // `sb.Append(...)...;` directly in the block adds its pieces.
                if (references == 1
                    && statement is ExpressionStatementSyntax expression
                    && model.GetOperation(expression.Expression, cancellationToken) is IInvocationOperation chain
                    && IsAppendChain(chain, local))
                {
                    if (!AddAppendChain(chain, local, depth))
                    {
                        return false;
                    }

                    continue;
                }

                // Appends under a condition, in a loop or through a helper given the builder: the text varies there,
                // and a hole stands for it (the prompt then needs an instruction of its own, see PromptFlow). A
                // statement that edits what was appended before (Clear, Insert, Remove, Replace, a new builder, a
                // Length assignment) leaves no text to speak of.
                if (EditsBuilder(statement, local.Name))
                {
                    return false;
                }

                parts.Add(new AssembledPart(AssembledPartKind.Hole, VaryingText, null, null));
            }

            return true;
        }

        /// <summary>
        /// A list local declared in a block and read at <paramref name="use"/> further down the same block: its
        /// initializer's elements, then each <c>list.Add(x);</c> statement's element in order. Adds under a condition,
        /// in a loop or through a helper are a varying hole (a null element); a statement that removes, inserts,
        /// reorders or replaces elements leaves no text.
        /// </summary>
        private bool ListLocalElements(ILocalReferenceOperation use, int depth, List<IOperation?> elements)
        {
            var local = use.Local;
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration)
                || Statements(declaration) is not { } statements)
            {
                return false;
            }

            var useStatement = StatementIn(statements, use.Syntax);
            var start = statements.IndexOf(declaration);
            var end = useStatement == null ? -1 : statements.IndexOf(useStatement);
            var model = SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree);
            if (start < 0 || end <= start || CountReferences(useStatement!, local.Name) != 1
                || !(model.GetOperation(initializer.Value, cancellationToken) is { } initial)
                || !(IsEmptyList(initial) || Elements(initial, depth + 1, elements)))
            {
                return false;
            }

            for (var i = start + 1; i < end; i++)
            {
                var statement = statements[i];
                var references = CountReferences(statement, local.Name);
                if (references == 0)
                {
                    continue;
                }

                if (statement.ContainsDiagnostics || EditsList(statement, local.Name))
                {
                    return false;
                }

                if (references == 1
                    && statement is ExpressionStatementSyntax expression
                    && model.GetOperation(expression.Expression, cancellationToken) is IInvocationOperation { TargetMethod: { Name: "Add" }, Arguments: { Length: 1 } } add
                    && add.Instance is ILocalReferenceOperation target
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    elements.Add(add.Arguments[0].Value);
                    continue;
                }

                elements.Add(null);
            }

            return true;
        }

        /// <summary><c>new List&lt;string&gt;()</c> (or with a capacity): filled by the Add statements that follow.</summary>
        private static bool IsEmptyList(IOperation value) =>
            KnownPromptSymbols.Unwrap(value) is IObjectCreationOperation { Initializer: null } creation
            && (creation.Arguments.IsEmpty || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32));

        private static readonly HashSet<string> ListEditingMembers = new HashSet<string>
        {
            "Clear", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Reverse", "Sort",
        };

        /// <summary>Whether the statement removes, inserts, reorders or replaces elements of the list named <paramref name="name"/>.</summary>
        private static bool EditsList(StatementSyntax statement, string name)
        {
            foreach (var node in statement.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                var parent = id.Parent;
                if ((parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                    || (parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                    || (parent is ElementAccessExpressionSyntax element && element.Parent is AssignmentExpressionSyntax set && set.Left == element)
                    || (parent is MemberAccessExpressionSyntax access && access.Expression == id && ListEditingMembers.Contains(access.Name.Identifier.ValueText)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The text that stands for appends that vary (under a condition, in a loop, through a helper).</summary>
        internal const string VaryingText = "{...}";

        /// <summary>Whether <paramref name="chain"/> is only Append/AppendLine calls rooted at the local builder (checked before any piece is added).</summary>
        private bool IsAppendChain(IInvocationOperation chain, ILocalSymbol local)
        {
            IOperation current = chain;
            while (current is IInvocationOperation call)
            {
                if (!IsBuilder(call.TargetMethod.ContainingType) || !(call.TargetMethod.Name == "Append" || call.TargetMethod.Name == "AppendLine") || call.Instance == null)
                {
                    return false;
                }

                current = KnownPromptSymbols.Unwrap(call.Instance);
            }

            return current is ILocalReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Local, local);
        }

        private static readonly HashSet<string> EditingMembers = new HashSet<string> { "Clear", "Insert", "Remove", "Replace" };

        /// <summary>Whether the statement clears, edits or replaces the builder named <paramref name="name"/>.</summary>
        private static bool EditsBuilder(StatementSyntax statement, string name)
        {
            foreach (var node in statement.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                var parent = id.Parent;
                if ((parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                    || (parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None)))
                {
                    return true;
                }

                if (parent is MemberAccessExpressionSyntax access && access.Expression == id)
                {
                    var member = access.Name.Identifier.ValueText;
                    if (EditingMembers.Contains(member)
                        || ((member == "Length" || member == "Capacity") && access.Parent is AssignmentExpressionSyntax set && set.Left == access))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>sb.Append(a).AppendLine(b)</c> rooted at the local builder.</summary>
        private bool AddAppendChain(IInvocationOperation chain, ILocalSymbol local, int depth)
        {
            if (!IsBuilder(chain.TargetMethod.ContainingType) || chain.Instance == null)
            {
                return false;
            }

            var receiver = KnownPromptSymbols.Unwrap(chain.Instance);
            var rooted = receiver is ILocalReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Local, local)
                || (receiver is IInvocationOperation inner && AddAppendChain(inner, local, depth));
            return rooted && AddAppend(chain, depth);
        }

        private static SyntaxList<StatementSyntax>? Statements(LocalDeclarationStatementSyntax declaration) => declaration.Parent switch
        {
            BlockSyntax block => block.Statements,
            _ => null,
        };

        /// <summary>The statement of <paramref name="statements"/> that contains <paramref name="node"/>.</summary>
        private static StatementSyntax? StatementIn(SyntaxList<StatementSyntax> statements, SyntaxNode node)
        {
            foreach (var statement in statements)
            {
                if (statement.Span.Contains(node.Span))
                {
                    return statement;
                }
            }

            return null;
        }

        private static int CountReferences(SyntaxNode scope, string name)
        {
            var count = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax id && id.Identifier.ValueText == name)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The initializer of a local that is never assigned again (and, with <paramref name="requireSingleUse"/>, read only once).</summary>
        private IOperation? SingleUseInitializer(ILocalSymbol local, bool requireSingleUse)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator))
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax);
            if (scope == null)
            {
                return null;
            }

            var reads = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != local.Name)
                {
                    continue;
                }

                reads++;
                if ((id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                    || (id.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                    || id.Parent is PrefixUnaryExpressionSyntax || id.Parent is PostfixUnaryExpressionSyntax)
                {
                    return null;
                }
            }

            if (requireSingleUse && reads != 1)
            {
                return null;
            }

            return SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree).GetOperation(initializer.Value, cancellationToken);
        }

        /// <summary>A get-only property whose getter (not an initializer) produces the value: each read builds it anew.</summary>
        private static bool BuildsOnEachRead(IPropertySymbol property) =>
            property.DeclaringSyntaxReferences.Length == 1
            && property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax declaration
            && declaration.Initializer == null;

        /// <summary>The value a read-only field or get-only property of this compilation is initialized with.</summary>
        private IOperation? MemberValue(ISymbol member)
        {
            if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly) || member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var node = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var value = PromptDeclaration.ValueExpression(node);
            return value == null ? null : SourceBodies.GetSemanticModel(compilation, node.SyntaxTree).GetOperation(value, cancellationToken);
        }

        /// <summary><c>Environment.NewLine</c>: taken as "\n", like <c>AppendLine()</c>.</summary>
        private bool IsNewLine(IPropertyReferenceOperation property) =>
            property.Property.Name == "NewLine" && environment != null && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, environment);
    }
}
