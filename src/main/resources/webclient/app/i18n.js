// The page's own words, in Chinese (as the seeds) and English. The server's answers are shown as they come.
const WORDS = {
  zh: {
    photos: '照片', faces: '人脸库', forum: '论坛帐号', account: '我的帐号', signin: '登录', signup: '注册',
    signout: '退出登录', switchLanguage: 'English', username: '用户名', usernameOrEmail: '用户名或邮箱',
    email: '邮箱', password: '密码', repeatPassword: '再次输入密码', oldPassword: '原密码', newPassword: '新密码',
    usernameRule: '5~32个字符：字母、数字、“-”和“_”', emailRule: '用于激活帐号和找回密码',
    signupDone: '请查收激活邮件，点击其中的链接后再登录。', forgot: '忘记密码', sendResetMail: '发送重置邮件',
    forgotHelp: '重置邮件中的链接会打开服务器的重置页面。', signedInAs: '已登录：', signoutAll: '在所有设备上退出登录',
    changePassword: '修改密码', changeEmail: '更换邮箱', newEmail: '新邮箱', deleteAccount: '删除帐号',
    deleteWarning: '帐号、照片、人脸库和登录记录都会被永久删除。', exportData: '下载我的数据 (JSON)',
    upload: '上传照片', chooseFiles: '选择照片', dropHere: '或把照片拖到这里（PNG/JPEG，每张不超过 1 MB）',
    allOrNothing: '一次上传是一个整体：只要有一张被拒绝，这一批照片都不会保存。', uploading: '上传中…',
    uploaded: '已上传', refusedBatch: '这一批照片都没有保存。', likelyCause: '很可能是这一张：',
    gallery: '我的照片（最新的在前）', noPhotos: '还没有照片。', view: '查看', remove: '删除', close: '关闭',
    confirmDelete: '确定删除这张照片吗？', registerFace: '登记人脸', fromNewPhoto: '从新照片登记',
    fromGallery: '从我的照片登记', registerSelected: '登记选中的照片', registered: '已登记的人脸',
    noFaces: '人脸库是空的。', search: '搜索', probe: '要查找的照片', searchButton: '查找',
    match: '找到了：是您人脸库里的人', noMatch: '没有找到：不是您人脸库里的人', score: '相似度',
    facesInProbe: '照片中的人脸数', matchedFace: '匹配到的人脸', captcha: '验证码', newCaptcha: '换一张',
    captchaHelp: '看不清可以换一张，不会消耗尝试次数。', forumRegister: '注册论坛帐号', forumLogin: '登录论坛',
    forumLogout: '退出论坛', profile: '论坛资料', alias: '昵称', save: '保存', avatar: '头像',
    uploadAvatar: '上传头像', notSignedIn: '请先登录。', loading: '加载中…', networkError: '无法连接服务器。',
    working: '处理中…', optional: '（选填）', none: '无',
    twoStep: '两步验证', totpOn: '两步验证：已开启', totpOff: '两步验证：未开启',
    totpExplain: '开启后，登录时除了密码还需要输入验证器 App（如 Google Authenticator、Microsoft Authenticator）上的6位验证码。',
    totpSetup: '设置两步验证', totpScan: '用验证器 App 扫描下面的二维码；', totpOrType: '或在 App 中手动输入密钥：',
    totpTypeFirst: '输入 App 显示的6位验证码，开启两步验证。', totpQrAlt: '两步验证二维码（内容为密钥）',
    totpCode: '两步验证码', totpCodeHint: '验证器上的6位数字，或一个恢复码', totpFirstCodeHint: '验证器上的6位数字',
    totpEnable: '开启两步验证', totpDisable: '关闭两步验证', saveTheseTitle: '请立即保存这些恢复码！',
    saveThese: '它们只显示这一次。手机丢失时，可以用恢复码代替验证码登录或关闭两步验证；每个恢复码只能使用一次。请抄下或打印，放在安全的地方。',
    savedThem: '我已保存恢复码', startOver: '重新输入用户名和密码',
    probeMatchedFace: '要查找的照片（绿框：匹配的人脸）', fromGroupPhoto: '从合影中选择人脸', groupPhoto: '合影',
    groupHelp: '选择照片后会标出其中的人脸，可以只登记其中一张，也可以全部登记。', findingFaces: '正在查找照片中的人脸…',
    facesFound: '找到的人脸', whichFaces: '登记哪些人脸', allFaces: '全部人脸', faceNumber: '人脸',
    registerChosen: '登记选中的人脸',
  },
  en: {
    photos: 'Photos', faces: 'Face library', forum: 'Forum account', account: 'My account', signin: 'Sign in',
    signup: 'Sign up', signout: 'Sign out', switchLanguage: '中文', username: 'Username',
    usernameOrEmail: 'Username or email', email: 'Email', password: 'Password', repeatPassword: 'Repeat password',
    oldPassword: 'Current password', newPassword: 'New password',
    usernameRule: '5 to 32 characters: letters, digits, "-" and "_"', emailRule: 'For activation and password reset',
    signupDone: 'Check your mail and follow the activation link, then sign in.', forgot: 'Forgot password',
    sendResetMail: 'Send the reset mail', forgotHelp: "The mail's link opens the server's reset page.",
    signedInAs: 'Signed in as ', signoutAll: 'Sign out everywhere', changePassword: 'Change password',
    changeEmail: 'Change email', newEmail: 'New email', deleteAccount: 'Delete account',
    deleteWarning: 'The account, its photos, face library and sign-ins are deleted for good.',
    exportData: 'Download my data (JSON)', upload: 'Upload photos', chooseFiles: 'Choose photos',
    dropHere: 'or drop photos here (PNG/JPEG, at most 1 MB each)',
    allOrNothing: 'An upload is all or nothing: if one photo is refused, none of the batch is kept.',
    uploading: 'Uploading…', uploaded: 'Uploaded', refusedBatch: 'None of this batch was kept.',
    likelyCause: 'Most likely this one:', gallery: 'My photos (newest first)', noPhotos: 'No photos yet.',
    view: 'View', remove: 'Delete', close: 'Close', confirmDelete: 'Delete this photo?', registerFace: 'Register a face',
    fromNewPhoto: 'From a new photo', fromGallery: 'From my photos', registerSelected: 'Register the selected photos',
    registered: 'Registered faces', noFaces: 'The face library is empty.', search: 'Search',
    probe: 'Photo to look for', searchButton: 'Search', match: 'Match: someone of your library',
    noMatch: 'No match: nobody of your library', score: 'Score', facesInProbe: 'Faces in the photo',
    matchedFace: 'Matched face', captcha: 'Captcha', newCaptcha: 'New image',
    captchaHelp: 'A new image costs no try.', forumRegister: 'Register a forum account', forumLogin: 'Forum login',
    forumLogout: 'Forum logout', profile: 'Forum profile', alias: 'Alias', save: 'Save', avatar: 'Avatar',
    uploadAvatar: 'Upload avatar', notSignedIn: 'Please sign in first.', loading: 'Loading…',
    networkError: 'The server cannot be reached.', working: 'Working…', optional: '(optional)', none: 'none',
    twoStep: 'Two-step verification', totpOn: 'Two-step verification: on', totpOff: 'Two-step verification: off',
    totpExplain: 'Once on, signing in needs the 6-digit code of an authenticator app (Google Authenticator, Microsoft Authenticator, ...) besides the password.',
    totpSetup: 'Set up two-step verification', totpScan: 'Scan the QR code below with your authenticator app;',
    totpOrType: 'or type this key into the app:', totpTypeFirst: 'Enter the 6-digit code the app shows to turn it on.',
    totpQrAlt: 'QR code of the two-step verification key', totpCode: 'Verification code',
    totpCodeHint: 'The 6 digits of your authenticator, or a recovery code', totpFirstCodeHint: 'The 6 digits of your authenticator',
    totpEnable: 'Turn on two-step verification', totpDisable: 'Turn off two-step verification',
    saveTheseTitle: 'Save these recovery codes now!',
    saveThese: 'They are shown only this once. If you lose your phone, a recovery code signs you in or turns two-step verification off instead of a code; each works once. Write them down or print them and keep them safe.',
    savedThem: 'I have saved them', startOver: 'Enter the username and password again',
    probeMatchedFace: 'Photo to look for (green: the face that matched)', fromGroupPhoto: 'Choose faces of a group photo',
    groupPhoto: 'Group photo', groupHelp: 'The faces of the photo are marked: register one of them, or all.',
    findingFaces: 'Looking for the faces of the photo…', facesFound: 'Faces found', whichFaces: 'Which faces to register',
    allFaces: 'All faces', faceNumber: 'Face', registerChosen: 'Register the chosen faces',
  },
};

let language = localStorage.getItem('xphoto.language') === 'en' ? 'en' : 'zh';

export function t(key) {
  return WORDS[language][key] ?? key;
}

export function currentLanguage() {
  return language;
}

export function switchLanguage() {
  language = language === 'zh' ? 'en' : 'zh';
  localStorage.setItem('xphoto.language', language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}
