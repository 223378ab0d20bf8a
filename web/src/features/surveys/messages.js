// Answering a questionnaire and its results (the list and the form to start one are in services).
// In zh-CN and en, merged by src/i18n.js. A key lives with the only feature that shows it,
// else with its namespace's own feature.
export default {
  'zh-CN': {
    svc: {
      answer: '填写问卷',
      submitAnswer: '提交问卷',
      answered: '您家已填写，谢谢！',
      notEligible: '本问卷不面向您',
      results: '结果（{n} 份）',
      mean: '平均 {m} 分',
      textAnswers: '{n} 条文字意见',
      export: '导出',
      required: '必答',
    },
  },
  en: {
    svc: {
      answer: 'Answer',
      submitAnswer: 'Submit',
      answered: 'Your household has answered. Thank you!',
      notEligible: 'This questionnaire is not for you',
      results: 'Results ({n} answers)',
      mean: 'mean {m}',
      textAnswers: '{n} written answers',
      export: 'Export',
      required: 'required',
    },
  },
}
