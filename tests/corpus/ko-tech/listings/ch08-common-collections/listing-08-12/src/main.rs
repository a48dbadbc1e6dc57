fn main() {
    // ANCHOR: here
    let data = "initial contents";

    let s = data.to_string();

    // 이 메서드는 리터럴에서도 바로 작동합니다:
    let s = "initial contents".to_string();
    // ANCHOR_END: here
}
