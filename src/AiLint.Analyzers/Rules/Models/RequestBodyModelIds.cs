using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The <c>model</c> member of a raw HTTP request body, in the shapes <see cref="LlmRequestEvidence"/> reads as an LLM
    /// request: an anonymous object (<c>new { model = "gpt-4", messages }</c>), a DTO initializer (<c>Model = ...</c>, or a
    /// member whose <c>[JsonPropertyName]</c>/<c>[JsonProperty]</c> is <c>"model"</c>) or constructor argument named
    /// <c>model</c> (or that parameter's default), a DTO of the project whose model member starts with a value that neither
    /// the initializer nor the DTO's own code replaces, a
    /// dictionary or <c>JsonObject</c> (<c>["model"] = ...</c>, <c>{ "model", ... }</c>), JSON text (<c>"model": "..."</c>),
    /// each also wrapped in <c>JsonSerializer.Serialize</c>/<c>JsonConvert.SerializeObject</c>, <c>JsonContent.Create</c>
    /// or <c>new StringContent(...)</c>, and followed through a local or field as <see cref="OperationValues.Trace"/> does.
    /// A body the code does not build in view (a parameter, a factory's result) gives nothing; so does a body held in a
    /// local whose model member the member writes again after creating it.
    /// </summary>
    internal static class RequestBodyModelIds
    {
        private const int MaxDepth = 4;

        // "model": "gpt-4" in JSON text (the value unescaped, as the compiler folds it).
        private static readonly Regex JsonModel = new Regex("\"model\"\\s*:\\s*\"([^\"\\\\]+)\"", RegexOptions.CultureInvariant);

        /// <summary>The model member of <paramref name="body"/>: its value to fold, or the id and where it is written.</summary>
        public static List<BodyModel> Read(IOperation body, Compilation compilation, CancellationToken cancellationToken)
        {
            var found = new List<BodyModel>(1);
            Read(body, compilation, found, 0, cancellationToken);
            return found;
        }

        private static void Read(IOperation body, Compilation compilation, List<BodyModel> found, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            var value = OperationValues.Trace(body, compilation, cancellationToken);
            if (ModelWrittenAgain(body, value, cancellationToken))
            {
                return;
            }

            if (value.ConstantValue is { HasValue: true, Value: string json })
            {
                if (value.Syntax is LiteralExpressionSyntax literal)
                {
                    AddJsonModel(json, literal.Token, found);
                }

                return;
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts.OfType<IInterpolatedStringTextOperation>())
                    {
                        if (part.Text.ConstantValue.Value is string text && part.Syntax is InterpolatedStringTextSyntax syntax)
                        {
                            AddJsonModel(text, syntax.TextToken, found);
                        }
                    }

                    return;

                case IInvocationOperation invocation when LlmRequestEvidence.SerializedValue(invocation) is { } serialized:
                    Read(serialized, compilation, found, depth + 1, cancellationToken);
                    return;

                case IObjectCreationOperation creation when LlmRequestEvidence.IsHttpContent(creation.Type):
                    // new StringContent(json, ...).
                    if (creation.Arguments.Length > 0)
                    {
                        Read(creation.Arguments[0].Value, compilation, found, depth + 1, cancellationToken);
                    }

                    return;

                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var assignment in anonymous.Initializers.OfType<ISimpleAssignmentOperation>())
                    {
                        if (assignment.Target is IPropertyReferenceOperation { Property: var property } && IsModelName(property.Name))
                        {
                            found.Add(new BodyModel(assignment.Value));
                        }
                    }

                    return;

                case IObjectCreationOperation creation:
                    ReadCreation(creation, found, cancellationToken);
                    return;
            }
        }

        private static void ReadCreation(IObjectCreationOperation creation, List<BodyModel> found, CancellationToken cancellationToken)
        {
            var before = found.Count;
            foreach (var argument in creation.Arguments)
            {
                // new ChatRequest("gpt-4", messages) with `record ChatRequest(string Model, ...)`; new ChatRequest(text) with
                // `ChatRequest(string text, string model = "gpt-4")`: the parameter's default, reported where it is written.
                if (argument.Parameter is not { } parameter || !IsModelName(parameter.Name))
                {
                    continue;
                }

                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    found.Add(new BodyModel(argument.Value));
                }
                else if (parameter.DeclaringSyntaxReferences.Length == 1
                    && parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is ParameterSyntax { Default.Value: LiteralExpressionSyntax literal }
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    found.Add(new BodyModel(literal.Token.ValueText, literal.GetLocation()));
                }
            }

            ISymbol? assigned = null;
            if (creation.Initializer is { } initializer)
            {
                foreach (var element in initializer.Initializers)
                {
                    switch (element)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set
                            when indexer.Arguments[0].Value.ConstantValue.Value is "model":
                            // new Dictionary<string, object> { ["model"] = ... }, new JsonObject { ["model"] = ... }.
                            found.Add(new BodyModel(set.Value));
                            break;
                        case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: var member } } set
                            when member is IPropertySymbol { IsIndexer: false } or IFieldSymbol && IsModelName(LlmRequestEvidence.JsonName(member) ?? member.Name):
                            assigned = member;
                            found.Add(new BodyModel(set.Value));
                            break;
                        case IInvocationOperation { Arguments.Length: 2 } add when add.Arguments[0].Value.ConstantValue.Value is "model":
                            // { "model", "gpt-4" }.
                            found.Add(new BodyModel(add.Arguments[1].Value));
                            break;
                    }
                }
            }

            if (found.Count == before && assigned == null && creation.Type is INamedTypeSymbol type)
            {
                AddMemberDefault(type, found, cancellationToken);
            }
        }

        /// <summary>
        /// <c>public string Model { get; set; } = "gpt-3.5-turbo";</c> on a request DTO of the project that the body
        /// creates without setting it: the value sent. Only a member declared once, with a literal or a constant initializer.
        /// </summary>
        private static void AddMemberDefault(INamedTypeSymbol type, List<BodyModel> found, CancellationToken cancellationToken)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic
                        || member is not (IPropertySymbol { IsIndexer: false, Type.SpecialType: SpecialType.System_String } or IFieldSymbol { Type.SpecialType: SpecialType.System_String })
                        || member.IsImplicitlyDeclared
                        || !IsModelName(LlmRequestEvidence.JsonName(member) ?? member.Name)
                        || member.DeclaringSyntaxReferences.Length != 1)
                    {
                        continue;
                    }

                    if (WrittenInItsType(member, cancellationToken))
                    {
                        // A constructor or method sets it (`Model = "gpt-4o";`, `Model = model;`): the initializer may not be sent.
                        return;
                    }

                    var initializer = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
                    {
                        PropertyDeclarationSyntax property => property.Initializer?.Value,
                        VariableDeclaratorSyntax field => field.Initializer?.Value,
                        _ => null,
                    };
                    if (initializer is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        found.Add(new BodyModel(literal.Token.ValueText, literal.GetLocation()));
                    }
                    else if (initializer is IdentifierNameSyntax or MemberAccessExpressionSyntax)
                    {
                        // `= DefaultModel`: a constant, folded where it is declared.
                        found.Add(new BodyModel(initializer));
                    }

                    return;
                }
            }
        }

        /// <summary>Any write, in the member's type, to a name spelled like the member (to stay on the safe side).</summary>
        private static bool WrittenInItsType(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var part in member.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var identifier in part.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == member.Name && ModelIdValue.IsWritten(identifier))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>var body = new ChatRequest { Model = "gpt-4" }; body.Model = settings.Model;</c>, or <c>body["model"] = ...</c>:
        /// the member writes the model of the local it posts after creating it, so the value in the creation may not be sent.
        /// </summary>
        private static bool ModelWrittenAgain(IOperation body, IOperation value, CancellationToken cancellationToken)
        {
            if (ReferenceEquals(OperationValues.Unwrap(body), value)
                || OperationValues.Unwrap(body) is not ILocalReferenceOperation { Local: var local }
                || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var scope = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).Ancestors()
                .FirstOrDefault(n => n is MemberDeclarationSyntax and not GlobalStatementSyntax or CompilationUnitSyntax);
            if (scope is null)
            {
                return false;
            }

            foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var receiver = assignment.Left switch
                {
                    MemberAccessExpressionSyntax access when IsModelName(access.Name.Identifier.ValueText) => access.Expression,
                    ElementAccessExpressionSyntax element when element.ArgumentList.Arguments.Count == 1
                        && element.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: "model" } => element.Expression,
                    _ => null,
                };
                if (receiver is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>"model": "..."</c> pair in JSON text, located inside the literal token that spells it.</summary>
        private static void AddJsonModel(string json, SyntaxToken token, List<BodyModel> found)
        {
            var match = JsonModel.Match(json);
            if (!match.Success)
            {
                return;
            }

            var id = match.Groups[1].Value;
            var source = token.Text;
            var key = source.IndexOf("model", StringComparison.Ordinal);
            var at = key < 0 ? -1 : source.IndexOf(id, key + "model".Length, StringComparison.Ordinal);
            var location = at < 0
                ? token.GetLocation()
                : Location.Create(token.SyntaxTree!, new TextSpan(token.SpanStart + at, id.Length));
            found.Add(new BodyModel(id, location));
        }

        private static bool IsModelName(string name) =>
            string.Equals(name, "model", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A body's model member: a value to fold (<see cref="Value"/> or <see cref="Syntax"/>), or an id read from text.</summary>
    internal readonly struct BodyModel
    {
        public BodyModel(IOperation value)
        {
            Value = value;
            Syntax = null;
            Id = null;
            Location = null;
        }

        public BodyModel(ExpressionSyntax syntax)
        {
            Value = null;
            Syntax = syntax;
            Id = null;
            Location = null;
        }

        public BodyModel(string id, Location location)
        {
            Value = null;
            Syntax = null;
            Id = id;
            Location = location;
        }

        /// <summary>The value written at the body (a literal, a constant, a settings property...).</summary>
        public IOperation? Value { get; }

        /// <summary>A DTO member's initializer naming a constant, bound in its own file.</summary>
        public ExpressionSyntax? Syntax { get; }

        /// <summary>An id spelled in JSON text or a DTO member's literal initializer.</summary>
        public string? Id { get; }

        public Location? Location { get; }
    }
}
