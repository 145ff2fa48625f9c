using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A classification prompt that lists its categories as <c>N: Label (EnumName)</c> lines, each with indented
/// <c>- ...</c> sub-items saying when the category fits (and an <c>- e.g.: ...</c> example), then a rules section whose
/// last item <c>- JSON schema:</c> only labels the example object under it (a Korean agent prompt and its English
/// translation). The glosses and the label are data; the rules with a keyword or an imperative stay instructions.
/// </summary>
public class ValueGlossItemTests
{
    private const string Id = "Support.Prompts.Classifier";

    private static (string Path, string Content)[] Covered(string rule) =>
        new[] { ("evals/p.evals.jsonl", Case(Id, rule: rule)) };

    private static string Code(string prompt) =>
        "using AiLint;\nnamespace Support;\npublic static class Prompts\n{\n    [Prompt] public const string Classifier = \"\"\"\n" + prompt + "\n        \"\"\";\n}\n";

    [Fact]
    public Task Glosses_under_value_lines_and_a_label_over_the_example_object_are_not_instructions() =>
        VerifyAsync(
            Code("""
                        You classify support requests for a game studio.
                        Read the request and decide which category it belongs to.

                        The categories are listed below.

                        3: Missing purchase (MissingPurchase)
                          - A bought bundle or currency did not arrive in the account after payment.

                        7: Account recovery (AccountRecovery)
                          - The player lost access to the account or the linked login changed.

                        99: Several issues (MultipleIssues)
                          - Two or more of the categories above clearly apply to the same request.
                          - e.g.: a refund request together with a missing purchase.

                        Rules:
                        - {|#0:You must pick the single best category above as the "primary category".|}
                        - Output the answer only as JSON and write no text outside the JSON.
                        - JSON schema:
                        {
                          "category_id": 0,
                          "reason": ""
                        }
                """),
            Covered("write no text outside the JSON"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must pick the single best category above as the \"primary category\".", Id));

    [Fact]
    public Task Korean_glosses_under_value_lines_and_the_schema_label_are_not_instructions() =>
        VerifyAsync(
            Code("""
                        당신은 게임 고객 문의 분류 전문가입니다.
                        문의 내용을 읽고 어떤 카테고리에 속하는지 판단해야 합니다.

                        아래는 카테고리 목록입니다.

                        3: 결제 상품 미지급 (MissingPurchase)
                          - 결제한 패키지나 재화가 계정에 들어오지 않은 내용입니다.

                        99: 복합 문의 (MultipleIssues)
                          - 위 카테고리 중 두 개 이상이 함께 해당되는 경우입니다.
                          - 예: 환불 요청과 결제 상품 미지급 문의가 같이 있는 경우.

                        규칙:
                        - {|#0:반드시 위 카테고리 중 가장 알맞은 하나를 선택하세요.|}
                        - 응답은 JSON 형식으로만 출력하세요.
                        - JSON 스키마:
                        {
                          "category_id": 0,
                          "reason": ""
                        }
                """),
            Covered("JSON 형식으로만 출력하세요"),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("반드시 위 카테고리 중 가장 알맞은 하나를 선택하세요.", Id));

    // Still instructions: a gloss with a keyword, one that opens with an imperative, a Korean gloss with 반드시 (must);
    // sub-items of a numbered step that names no value; a label followed by another item rather than an example; a
    // label of a sentence rather than a few words.
    [Fact]
    public Task Glosses_that_instruct_steps_and_labels_without_an_example_stay_instructions() =>
        VerifyAsync(
            Code("""
                        You classify support requests.

                        3: Missing purchase (MissingPurchase)
                          - {|#0:Never use this category for a refund request.|}
                          - {|#1:Choose this when the payment went through.|}
                          - {|#2:결제 내역이 있으면 반드시 이 카테고리를 고르세요.|}

                        1: Read the request
                          - {|#3:the player's words and the attached receipt|}

                        Rules:
                        - {|#4:Output format:|}
                        - {|#5:Keep the reason short.|}
                        - {|#6:The object below is what the app parses. Its fields:|}
                        {
                          "category_id": 0
                        }
                        - Reply in JSON.
                """),
            Covered("Reply in JSON."),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never use this category for a refund request.", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("Choose this when the payment went through.", Id),
            Diagnostic("AIL0303").WithLocation(2).WithArguments("결제 내역이 있으면 반드시 이 카테고리를 고르세요.", Id),
            Diagnostic("AIL0303").WithLocation(3).WithArguments("the player's words and the attached receipt", Id),
            Diagnostic("AIL0303").WithLocation(4).WithArguments("Output format:", Id),
            Diagnostic("AIL0303").WithLocation(5).WithArguments("Keep the reason short.", Id),
            Diagnostic("AIL0303").WithLocation(6).WithArguments("The object below is what the app parses. Its fields:", Id));

    // Half-typed: a value line whose parenthesis is not closed yet, and a label as the prompt's last line.
    [Fact]
    public Task Half_typed_value_lines_and_a_trailing_label_stay_instructions() =>
        VerifyAsync(
            Code("""
                        You classify support requests.

                        3: Missing purchase (MissingPurch
                          - {|#0:A bought bundle did not arrive.|}

                        Rules:
                        - Reply in JSON.
                        - {|#1:JSON schema:|}
                """),
            Covered("Reply in JSON."),
            Diagnostic("AIL0303").WithLocation(0).WithArguments("A bought bundle did not arrive.", Id),
            Diagnostic("AIL0303").WithLocation(1).WithArguments("JSON schema:", Id));
}
